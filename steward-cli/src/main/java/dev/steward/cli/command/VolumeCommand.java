package dev.steward.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "volume", description = "Gluster-style volumes (/v1/volumes): list, create, start, stop, delete.",
        subcommands = {VolumeCommand.ListVolumes.class, VolumeCommand.Create.class, VolumeCommand.Start.class,
                VolumeCommand.Stop.class, VolumeCommand.Delete.class})
public class VolumeCommand {

    static final String[] COLUMNS = {"name", "id", "status", "type", "replica", "num_bricks", "bricks"};

    @Command(name = "list", description = "Every volume with its state and bricks.")
    public static class ListVolumes extends ApiCommand {
        public ListVolumes(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/v1/volumes", Query.empty()), COLUMNS);
        }
    }

    @Command(name = "create", description = "Create a volume from bricks <host>:/<path>.")
    public static class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--brick", required = true, description = "<host>:/<path>; repeat for each brick")
        List<String> bricks;
        @Option(names = "--replica", description = "replica count (default: the server's)")
        Integer replica;
        @Option(names = "--force")
        boolean force;

        public Create(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            ObjectNode body = cli.json().createObjectNode().put("name", name);
            bricks.forEach(body.putArray("bricks")::add);
            if (replica != null) {
                body.put("replica", replica);
            }
            if (force) {
                body.put("force", true);
            }
            cli.print(client.postJson("/v1/volumes", Query.empty(), body), COLUMNS);
        }
    }

    /** start and stop: {@code POST /v1/volumes/<name>/<action>} with {@code {"force"}}. */
    abstract static class Transition extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--force")
        boolean force;

        Transition(StewardCli cli) {
            super(cli);
        }

        abstract String action();

        @Override
        void run(StewardClient client) {
            cli.print(client.postJson("/v1/volumes/" + Query.encode(name) + "/" + action(), Query.empty(), Map.of("force", force)), COLUMNS);
        }
    }

    @Command(name = "start", description = "Start a volume.")
    public static class Start extends Transition {
        public Start(StewardCli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "start";
        }
    }

    @Command(name = "stop", description = "Stop a volume.")
    public static class Stop extends Transition {
        public Stop(StewardCli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "stop";
        }
    }

    @Command(name = "delete", description = "Delete a stopped volume.")
    public static class Delete extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        public Delete(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            client.delete("/v1/volumes/" + Query.encode(name), Query.empty());
            cli.say("deleted volume " + name);
        }
    }
}
