package dev.steward.cli.command;

import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;

/** Jidoteki's version endpoint, answered by the gateway: what the cluster runs. */
@Command(name = "version", description = "The appliance's version (GET /api/v1/admin/version).")
public class VersionCommand extends ApiCommand {

    public VersionCommand(StewardCli cli) {
        super(cli);
    }

    @Override
    void run(StewardClient client) {
        cli.print(client.get("/api/v1/admin/version", Query.empty()));
    }
}
