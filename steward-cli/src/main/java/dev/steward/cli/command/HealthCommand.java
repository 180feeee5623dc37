package dev.steward.cli.command;

import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;

/** GetClusterHealth: Healthy, Degraded or Unavailable, with node and partition counts. */
@Command(name = "health", description = "Show the cluster's health (GET /v0/health).")
public class HealthCommand extends ApiCommand {

    public HealthCommand(StewardCli cli) {
        super(cli);
    }

    @Override
    void run(StewardClient client) {
        cli.print(client.get("/v0/health", Query.empty()));
    }
}
