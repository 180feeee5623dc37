package dev.steward.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "key", description = "Access keys (Garage /v0/key).",
        subcommands = {KeyCommand.ListKeys.class, KeyCommand.Create.class, KeyCommand.Info.class, KeyCommand.Delete.class})
public class KeyCommand {

    @Command(name = "list", description = "Every key's id and name.")
    public static class ListKeys extends ApiCommand {
        public ListKeys(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/v0/key", Query.empty()), "id", "name");
        }
    }

    @Command(name = "create", description = "Create a key; its secret is shown once.")
    public static class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", description = "admin, operator or auditor (default: the server's)")
        String role;

        public Create(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            ObjectNode body = cli.json().createObjectNode().put("name", name);
            if (role != null) {
                body.put("role", role);
            }
            cli.print(client.postJson("/v0/key", Query.empty(), body));
        }
    }

    @Command(name = "info", description = "A key with its buckets and permissions, by id or by a search pattern.")
    public static class Info extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID_OR_PATTERN")
        String key;

        @Option(names = "--search", description = "treat the argument as a search pattern on ids and names")
        boolean search;

        public Info(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/v0/key", Query.empty().and(search ? "search" : "id", key)));
        }
    }

    @Command(name = "delete", description = "Delete a key.")
    public static class Delete extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        public Delete(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            client.delete("/v0/key", Query.empty().and("id", id));
            cli.say("deleted key " + id);
        }
    }
}
