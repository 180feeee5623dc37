package dev.steward.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "quota", description = "Directory quotas of a volume (JuiceFS /api/v1/volumes/<id>/quotas).",
        subcommands = {QuotaCommand.ListQuotas.class, QuotaCommand.Set.class, QuotaCommand.Delete.class})
public class QuotaCommand {

    @Command(name = "list", description = "A volume's quotas with their usage.")
    public static class ListQuotas extends ApiCommand {
        @Parameters(index = "0", paramLabel = "VOLUME_ID")
        long volumeId;

        public ListQuotas(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/api/v1/volumes/" + volumeId + "/quotas", Query.empty()));
        }
    }

    @Command(name = "set", description = "Create a quota on a path, or change the quota given by --id.")
    public static class Set extends ApiCommand {
        @Parameters(index = "0", paramLabel = "VOLUME_ID")
        long volumeId;
        @Option(names = "--id", description = "the quota to change (default: create one)")
        Long quotaId;
        @Option(names = "--path", description = "directory, e.g. /projects/a (required to create)")
        String path;
        @Option(names = "--size", description = "bytes")
        Long size;
        @Option(names = "--inodes")
        Long inodes;

        public Set(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            ObjectNode body = cli.json().createObjectNode();
            if (path != null) {
                body.put("path", path);
            }
            if (size != null) {
                body.put("size", size);
            }
            if (inodes != null) {
                body.put("inodes", inodes);
            }
            String base = "/api/v1/volumes/" + volumeId + "/quotas";
            cli.print(quotaId == null ? client.postJson(base, Query.empty(), body) : client.putJson(base + "/" + quotaId, Query.empty(), body));
        }
    }

    @Command(name = "delete", description = "Remove a quota.")
    public static class Delete extends ApiCommand {
        @Parameters(index = "0", paramLabel = "VOLUME_ID")
        long volumeId;
        @Parameters(index = "1", paramLabel = "QUOTA_ID")
        long quotaId;

        public Delete(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            client.delete("/api/v1/volumes/" + volumeId + "/quotas/" + quotaId, Query.empty());
            cli.say("deleted quota " + quotaId);
        }
    }
}
