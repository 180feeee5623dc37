package dev.steward.cli.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Profiles in one properties file ({@code ~/.config/steward/profiles.properties}, or {@code $STEWARD_CONFIG}):
 * {@code <name>.url}, {@code <name>.scheme}, {@code <name>.key}, {@code <name>.secret}, and {@code default}.
 * The file holds credentials, so it is written readable by its owner only.
 */
public final class ProfileStore {

    private static final String DEFAULT = "default";

    private final Path file;

    public ProfileStore(Path file) {
        this.file = file;
    }

    public static Path defaultLocation() {
        String configured = System.getenv("STEWARD_CONFIG");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".config", "steward", "profiles.properties");
    }

    public Path file() {
        return file;
    }

    private Properties read() {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return properties;
    }

    private void write(Properties properties) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".profiles", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the user's profile directory is private already
                }
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    properties.store(out, "steward CLI profiles; holds credentials");
                }
                Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Saves (or replaces) a profile; the first one saved becomes the default. */
    public void save(Profile profile, boolean makeDefault) {
        Properties properties = read();
        String prefix = profile.name() + ".";
        properties.setProperty(prefix + "url", profile.url().toString());
        properties.setProperty(prefix + "scheme", profile.scheme().id());
        properties.setProperty(prefix + "key", profile.key());
        if (profile.secret() != null && !profile.secret().isBlank()) {
            properties.setProperty(prefix + "secret", profile.secret());
        } else {
            properties.remove(prefix + "secret");
        }
        if (makeDefault || !properties.containsKey(DEFAULT)) {
            properties.setProperty(DEFAULT, profile.name());
        }
        write(properties);
    }

    public boolean remove(String name) {
        Properties properties = read();
        boolean found = properties.remove(name + ".url") != null;
        properties.remove(name + ".scheme");
        properties.remove(name + ".key");
        properties.remove(name + ".secret");
        if (name.equals(properties.getProperty(DEFAULT))) {
            properties.remove(DEFAULT);
        }
        write(properties);
        return found;
    }

    public Optional<String> defaultName() {
        return Optional.ofNullable(read().getProperty(DEFAULT));
    }

    /** Every profile, by name. */
    public Map<String, Profile> all() {
        Properties properties = read();
        TreeSet<String> names = new TreeSet<>();
        properties.stringPropertyNames().stream().filter(key -> key.endsWith(".url"))
                .forEach(key -> names.add(key.substring(0, key.length() - ".url".length())));
        Map<String, Profile> profiles = new LinkedHashMap<>();
        names.forEach(name -> profiles.put(name, parse(name, properties)));
        return profiles;
    }

    /** The named profile, or the default one when {@code name} is null. */
    public Profile get(String name) {
        Properties properties = read();
        String chosen = name != null ? name : properties.getProperty(DEFAULT);
        if (chosen == null) {
            throw new IllegalArgumentException("no profile: add one with `steward profile add <name> --url ... --scheme ...` (" + file + ")");
        }
        if (properties.getProperty(chosen + ".url") == null) {
            throw new IllegalArgumentException("no profile '" + chosen + "' in " + file);
        }
        return parse(chosen, properties);
    }

    private static Profile parse(String name, Properties properties) {
        String scheme = properties.getProperty(name + ".scheme");
        return new Profile(name, URI.create(properties.getProperty(name + ".url")),
                scheme == null ? null : Scheme.parse(scheme), properties.getProperty(name + ".key"), properties.getProperty(name + ".secret"));
    }
}
