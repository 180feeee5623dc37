package dev.steward.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bucket", description = "Buckets (Garage /v0/bucket): list, create, info, delete, allow and deny keys.",
        subcommands = {BucketCommand.ListBuckets.class, BucketCommand.Create.class, BucketCommand.Info.class,
                BucketCommand.Delete.class, BucketCommand.Allow.class, BucketCommand.Deny.class})
public class BucketCommand {

    @Command(name = "list", description = "Every bucket with its aliases.")
    public static class ListBuckets extends ApiCommand {
        public ListBuckets(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/v0/bucket", Query.empty()), "id", "globalAliases", "localAliases");
        }
    }

    @Command(name = "create", description = "Create a bucket with a global alias.")
    public static class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ALIAS")
        String alias;

        public Create(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.postJson("/v0/bucket", Query.empty(), cli.json().createObjectNode().put("globalAlias", alias)),
                    "id", "globalAliases");
        }
    }

    /** A bucket named by id or by global alias. */
    static class Which {
        @Option(names = "--id", required = true)
        String id;
        @Option(names = "--alias", required = true)
        String alias;

        Query query() {
            return id != null ? Query.empty().and("id", id) : Query.empty().and("globalAlias", alias);
        }
    }

    @Command(name = "info", description = "A bucket's aliases, keys, quotas and usage.")
    public static class Info extends ApiCommand {
        @ArgGroup(multiplicity = "1")
        Which which;

        public Info(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/v0/bucket", which.query()));
        }
    }

    @Command(name = "delete", description = "Delete an empty bucket.")
    public static class Delete extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        public Delete(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            client.delete("/v0/bucket", Query.empty().and("id", id));
            cli.say("deleted bucket " + id);
        }
    }

    /** The body of allow and deny: the flags given are the ones changed. */
    abstract static class Permission extends ApiCommand {
        @Parameters(index = "0", paramLabel = "BUCKET_ID")
        String bucketId;
        @Parameters(index = "1", paramLabel = "ACCESS_KEY_ID")
        String accessKeyId;
        @Option(names = "--read")
        boolean read;
        @Option(names = "--write")
        boolean write;
        @Option(names = "--owner")
        boolean owner;

        Permission(StewardCli cli) {
            super(cli);
        }

        abstract String path();

        @Override
        void run(StewardClient client) {
            if (!read && !write && !owner) {
                throw new IllegalArgumentException("name at least one of --read, --write, --owner");
            }
            ObjectNode body = cli.json().createObjectNode().put("bucketId", bucketId).put("accessKeyId", accessKeyId);
            body.putObject("permissions").put("read", read).put("write", write).put("owner", owner);
            cli.print(client.postJson(path(), Query.empty(), body), "id", "globalAliases", "keys");
        }
    }

    @Command(name = "allow", description = "Give a key read, write or owner permission on a bucket.")
    public static class Allow extends Permission {
        public Allow(StewardCli cli) {
            super(cli);
        }

        @Override
        String path() {
            return "/v0/bucket/allow";
        }
    }

    @Command(name = "deny", description = "Take a key's read, write or owner permission on a bucket away.")
    public static class Deny extends Permission {
        public Deny(StewardCli cli) {
            super(cli);
        }

        @Override
        String path() {
            return "/v0/bucket/deny";
        }
    }
}
