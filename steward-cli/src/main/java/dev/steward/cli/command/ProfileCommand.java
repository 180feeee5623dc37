package dev.steward.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.steward.cli.StewardCli;
import dev.steward.cli.config.Profile;
import dev.steward.cli.config.ProfileStore;
import dev.steward.cli.config.Scheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.util.concurrent.Callable;

@Command(name = "profile", description = "Profiles: a gateway URL and a credential of one of the four schemes.",
        subcommands = {ProfileCommand.Add.class, ProfileCommand.ListProfiles.class, ProfileCommand.Use.class, ProfileCommand.Remove.class})
public class ProfileCommand {

    @Command(name = "add", description = "Add or replace a profile (the first one becomes the default).")
    public static class Add implements Callable<Integer> {
        private final StewardCli cli;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--url", required = true, description = "the gateway, e.g. http://localhost:8080")
        URI url;
        @Option(names = "--scheme", required = true, description = "bearer, juicefs, jidoteki or gluster")
        String scheme;
        @Option(names = "--token", description = "bearer or Jidoteki API token")
        String token;
        @Option(names = "--access-key", description = "JuiceFS access key id")
        String accessKey;
        @Option(names = "--app-id", description = "Gluster app id")
        String appId;
        @Option(names = "--secret", description = "JuiceFS secret or Gluster app secret", interactive = true, arity = "0..1")
        String secret;
        @Option(names = "--default", description = "make it the default profile")
        boolean makeDefault;

        public Add(StewardCli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Scheme parsed = Scheme.parse(scheme);
            String key = switch (parsed) {
                case BEARER, JIDOTEKI -> token;
                case JUICEFS -> accessKey;
                case GLUSTER -> appId;
            };
            ProfileStore store = cli.profiles();
            store.save(new Profile(name, url, parsed, key, secret), makeDefault);
            cli.say("saved profile " + name + " in " + store.file());
            return 0;
        }
    }

    @Command(name = "list", description = "Every profile, secrets hidden.")
    public static class ListProfiles implements Callable<Integer> {
        private final StewardCli cli;

        public ListProfiles(StewardCli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            ProfileStore store = cli.profiles();
            String chosen = store.defaultName().orElse(null);
            ArrayNode rows = cli.json().createArrayNode();
            store.all().values().forEach(profile -> rows.addObject().put("name", profile.name())
                    .put("default", profile.name().equals(chosen)).put("url", profile.url().toString())
                    .put("scheme", profile.scheme().id()).put("key", profile.redactedKey()));
            cli.print(rows, "name", "default", "url", "scheme", "key");
            return 0;
        }
    }

    @Command(name = "use", description = "Make a profile the default.")
    public static class Use implements Callable<Integer> {
        private final StewardCli cli;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        public Use(StewardCli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            ProfileStore store = cli.profiles();
            store.save(store.get(name), true);
            cli.say("default profile: " + name);
            return 0;
        }
    }

    @Command(name = "remove", description = "Forget a profile.")
    public static class Remove implements Callable<Integer> {
        private final StewardCli cli;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        public Remove(StewardCli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            if (!cli.profiles().remove(name)) {
                throw new IllegalArgumentException("no profile '" + name + "'");
            }
            cli.say("removed profile " + name);
            return 0;
        }
    }
}
