package dev.steward.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "token", description = "Named bearer tokens (/steward/v1/tokens): list, create, revoke.",
        subcommands = {TokenCommand.ListTokens.class, TokenCommand.Create.class, TokenCommand.Revoke.class})
public class TokenCommand {

    @Command(name = "list", description = "Every token's name, role and restrictions (never the token).")
    public static class ListTokens extends ApiCommand {
        public ListTokens(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/steward/v1/tokens", Query.empty()), "name", "role", "kind", "scopes", "ipRanges", "expiresAt");
        }
    }

    @Command(name = "create", description = "Issue a token; it is shown once.")
    public static class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--role", required = true, description = "admin, operator or auditor")
        String role;
        @Option(names = "--kind", description = "admin or metrics (default: admin)")
        String kind;
        @Option(names = "--scope", description = "repeat to restrict to several scopes")
        List<String> scopes;
        @Option(names = "--ip-range", description = "CIDR; repeat for several")
        List<String> ipRanges;
        @Option(names = "--expires-at", description = "ISO-8601 instant")
        String expiresAt;

        public Create(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            ObjectNode body = cli.json().createObjectNode().put("name", name).put("role", role);
            if (kind != null) {
                body.put("kind", kind);
            }
            if (scopes != null) {
                scopes.forEach(body.putArray("scopes")::add);
            }
            if (ipRanges != null) {
                ipRanges.forEach(body.putArray("ipRanges")::add);
            }
            if (expiresAt != null) {
                body.put("expiresAt", expiresAt);
            }
            cli.print(client.postJson("/steward/v1/tokens", Query.empty(), body));
        }
    }

    @Command(name = "revoke", description = "Revoke a token by name; every gateway refuses it within a second.")
    public static class Revoke extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        public Revoke(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            client.delete("/steward/v1/tokens/" + Query.encode(name), Query.empty());
            cli.say("revoked token " + name);
        }
    }
}
