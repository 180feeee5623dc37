package dev.steward.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.output.Format;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "layout", description = "The cluster layout: show, stage role changes, preview, apply, revert.",
        subcommands = {LayoutCommand.Show.class, LayoutCommand.Stage.class, LayoutCommand.Preview.class,
                LayoutCommand.Apply.class, LayoutCommand.Revert.class})
public class LayoutCommand {

    @Command(name = "show", description = "Applied roles and staged changes (GET /v0/layout).")
    public static class Show extends ApiCommand {
        public Show(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            JsonNode layout = client.get("/v0/layout", Query.empty());
            if (cli.format() == Format.JSON) {
                cli.print(layout);
                return;
            }
            cli.out().println("version " + layout.path("version").asText());
            cli.print(cli.entries(rolesById(layout.get("roles")), "id"), "id", "zone", "capacity", "tags");
            if (!layout.path("stagedRoleChanges").isEmpty()) {
                cli.out().println("staged:");
                cli.print(cli.entries(rolesById(layout.get("stagedRoleChanges")), "id"), "id", "zone", "capacity", "tags", "remove");
            }
        }

        /** Garage lists roles as an array of {id, ...}; a staged removal is {id, remove: true}. */
        private JsonNode rolesById(JsonNode roles) {
            ObjectNode byId = cli.json().createObjectNode();
            if (roles != null && roles.isArray()) {
                roles.forEach(role -> byId.set(role.path("id").asText(), ((ObjectNode) role.deepCopy()).without("id")));
            } else if (roles != null && roles.isObject()) {
                roles.fields().forEachRemaining(field -> byId.set(field.getKey(), field.getValue().isNull()
                        ? cli.json().createObjectNode().put("remove", true) : field.getValue()));
            }
            return byId;
        }
    }

    @Command(name = "stage", description = "Stage a node's role, or its removal (POST /v0/layout).")
    public static class Stage extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NODE_ID")
        String nodeId;

        @ArgGroup(multiplicity = "1")
        Change change;

        static class Change {
            @ArgGroup(exclusive = false)
            Role role;
            @Option(names = "--remove", description = "remove the node's role", required = true)
            boolean remove;
        }

        static class Role {
            @Option(names = "--zone", required = true)
            String zone;
            @Option(names = "--capacity", description = "bytes; omit for a gateway node")
            Long capacity;
            @Option(names = "--tag", description = "repeat for several tags")
            List<String> tags = List.of();
        }

        public Stage(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            ObjectNode body = cli.json().createObjectNode();
            if (change.remove) {
                body.putNull(nodeId);
            } else {
                ObjectNode role = body.putObject(nodeId).put("zone", change.role.zone);
                if (change.role.capacity == null) {
                    role.putNull("capacity");
                } else {
                    role.put("capacity", change.role.capacity);
                }
                change.role.tags.forEach(role.putArray("tags")::add);
                if (!role.has("tags")) {
                    role.putArray("tags");
                }
            }
            JsonNode layout = client.postJson("/v0/layout", Query.empty(), body);
            if (cli.format() == Format.JSON) {
                cli.print(layout);
            } else {
                cli.say("staged; `steward layout preview` shows what applying version "
                        + (layout.path("version").asLong() + 1) + " would move");
            }
        }
    }

    static void printPreview(StewardCli cli, JsonNode preview) {
        if (cli.format() == Format.JSON) {
            cli.print(preview);
            return;
        }
        cli.out().println("version " + preview.path("version").asText() + ": " + preview.path("partitionsMoved").asInt()
                + " partition replica(s) move" + (preview.path("hasStagedChanges").asBoolean() ? "" : " (nothing staged)"));
        com.fasterxml.jackson.databind.node.ArrayNode rows = cli.json().createArrayNode();
        preview.path("partitionsPerNode").fields().forEachRemaining(field ->
                rows.addObject().put("node", field.getKey()).put("partitions", field.getValue().asInt()));
        cli.print(rows, "node", "partitions");
    }

    @Command(name = "preview", description = "What applying the staged changes would do (GET /steward/v1/layout/preview).")
    public static class Preview extends ApiCommand {
        public Preview(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            printPreview(cli, client.get("/steward/v1/layout/preview", Query.empty()));
        }
    }

    @Command(name = "apply", description = "Show the preview, then apply the staged changes as the next version (POST /v0/layout/apply).")
    public static class Apply extends ApiCommand {
        @Option(names = "--dry-run", description = "only show the preview")
        boolean dryRun;

        @Option(names = "--version", description = "the version to apply (default: the preview's, current + 1)")
        Long version;

        public Apply(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            JsonNode preview = client.get("/steward/v1/layout/preview", Query.empty());
            if (cli.format() != Format.JSON || dryRun) {
                printPreview(cli, preview);
            }
            if (dryRun) {
                return;
            }
            long next = version != null ? version : preview.path("version").asLong();
            JsonNode applied = client.postJson("/v0/layout/apply", Query.empty(), Map.of("version", next));
            if (cli.format() == Format.JSON) {
                cli.print(applied);
            } else {
                cli.say("applied version " + applied.path("version").asText());
            }
        }
    }

    @Command(name = "revert", description = "Drop the staged changes; the version moves on (POST /v0/layout/revert).")
    public static class Revert extends ApiCommand {
        public Revert(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            long next = client.get("/v0/layout", Query.empty()).path("version").asLong() + 1;
            JsonNode reverted = client.postJson("/v0/layout/revert", Query.empty(), Map.of("version", next));
            if (cli.format() == Format.JSON) {
                cli.print(reverted);
            } else {
                cli.say("reverted; version " + reverted.path("version").asText());
            }
        }
    }
}
