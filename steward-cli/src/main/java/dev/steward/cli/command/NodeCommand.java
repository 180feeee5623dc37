package dev.steward.cli.command;

import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "node", description = "Nodes: list them, connect new ones.",
        subcommands = {NodeCommand.ListNodes.class, NodeCommand.Connect.class})
public class NodeCommand {

    @Command(name = "list", description = "Every node with its facts and liveness (GET /steward/v1/nodes).")
    public static class ListNodes extends ApiCommand {
        public ListNodes(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/steward/v1/nodes", Query.empty()));
        }
    }

    @Command(name = "connect", description = "Connect nodes given as <node id>@<host>:<port> (POST /v0/connect).")
    public static class Connect extends ApiCommand {
        @Parameters(arity = "1..*", paramLabel = "NODE", description = "<node id>@<host>:<port>")
        List<String> nodes;

        public Connect(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.postJson("/v0/connect", Query.empty(), nodes), "success", "error");
        }
    }
}
