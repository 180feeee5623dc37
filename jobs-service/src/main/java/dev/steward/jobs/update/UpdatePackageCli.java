package dev.steward.jobs.update;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code STEWARD_UPDATE_KEY=... java -jar jobs-service.jar update-package <DIR> <OUT>}: the vendor's
 * side of updates. Zips DIR (which must hold manifest.json; CHANGELOG.md and payload files are
 * optional) and seals it with the key, as docs/update-package.md describes.
 */
public final class UpdatePackageCli {

    public static final String COMMAND = "update-package";

    private UpdatePackageCli() {
    }

    public static int run(String[] args, String base64Key, PrintStream out, PrintStream err) {
        if (args.length != 3) {
            err.println("usage: STEWARD_UPDATE_KEY=<base64 32 bytes> update-package <DIR> <OUT>");
            return 2;
        }
        if (base64Key == null || base64Key.isBlank()) {
            err.println("update-package: set STEWARD_UPDATE_KEY (openssl rand -base64 32)");
            return 2;
        }
        Path dir = Path.of(args[1]);
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            err.println("update-package: " + dir + " has no manifest.json");
            return 1;
        }
        try {
            byte[] sealed = UpdatePackage.seal(Base64.getDecoder().decode(base64Key.strip()), zip(dir));
            Files.write(Path.of(args[2]), sealed);
            out.println("update-package: wrote " + args[2] + " (" + sealed.length + " bytes)");
            return 0;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("update-package: " + e.getMessage());
            return 1;
        }
    }

    static byte[] zip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
