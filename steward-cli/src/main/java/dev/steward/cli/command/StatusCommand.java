package dev.steward.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.output.Format;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;

/** GetClusterStatus: the known nodes, with the layout version. */
@Command(name = "status", description = "Show the cluster's nodes and layout version (GET /v0/status).")
public class StatusCommand extends ApiCommand {

    public StatusCommand(StewardCli cli) {
        super(cli);
    }

    @Override
    void run(StewardClient client) {
        JsonNode status = client.get("/v0/status", Query.empty());
        if (cli.format() == Format.JSON) {
            cli.print(status);
            return;
        }
        JsonNode layout = status.path("layout");
        cli.out().println("layout version " + layout.path("version").asText("-") + ", " + layout.path("stagedRoleChanges").size()
                + " staged change(s)");
        cli.print(cli.entries(status.get("knownNodes"), "id"), "id", "hostname", "addr", "is_up", "last_seen_secs_ago");
    }
}
