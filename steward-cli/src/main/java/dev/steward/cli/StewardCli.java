package dev.steward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.cli.command.BackupCommand;
import dev.steward.cli.command.BucketCommand;
import dev.steward.cli.command.HealthCommand;
import dev.steward.cli.command.JobCommand;
import dev.steward.cli.command.KeyCommand;
import dev.steward.cli.command.LayoutCommand;
import dev.steward.cli.command.NodeCommand;
import dev.steward.cli.command.ProfileCommand;
import dev.steward.cli.command.QuotaCommand;
import dev.steward.cli.command.StatusCommand;
import dev.steward.cli.command.TokenCommand;
import dev.steward.cli.command.UpdateCommand;
import dev.steward.cli.command.VersionCommand;
import dev.steward.cli.command.VolumeCommand;
import dev.steward.cli.config.ProfileStore;
import dev.steward.cli.http.ApiException;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.output.Format;
import dev.steward.cli.output.Renderer;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code steward}: Steward's administration CLI. Every command signs its own request with the chosen profile's
 * scheme and sends it to the gateway; answers print as tables or, with {@code -o json}, as the API's JSON.
 */
@Command(name = "steward", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = StewardCli.Version.class,
        description = "Administer a Steward cluster through its gateway.",
        subcommands = {ProfileCommand.class, StatusCommand.class, HealthCommand.class, NodeCommand.class, LayoutCommand.class,
                KeyCommand.class, BucketCommand.class, VolumeCommand.class, QuotaCommand.class, TokenCommand.class,
                JobCommand.class, BackupCommand.class, UpdateCommand.class, VersionCommand.class, AutoComplete.GenerateCompletion.class})
public class StewardCli {

    /** Exit codes: the API refused the request (4xx); the gateway or a service failed or could not be reached. */
    public static final int REFUSED = 1;
    public static final int UNAVAILABLE = 3;

    @Option(names = {"-p", "--profile"}, scope = CommandLine.ScopeType.INHERIT, description = "profile to use (default: the file's default)")
    String profile;

    @Option(names = {"-o", "--output"}, scope = CommandLine.ScopeType.INHERIT, description = "table or json (default: table)")
    Format output = Format.TABLE;

    @Option(names = "--config", scope = CommandLine.ScopeType.INHERIT, description = "profiles file (default: $STEWARD_CONFIG or ~/.config/steward/profiles.properties)")
    Path config;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final Renderer renderer = new Renderer(json);
    private CommandLine commandLine;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with its commands built around one shared {@link StewardCli}. */
    public static CommandLine commandLine() {
        StewardCli cli = new StewardCli();
        CommandLine commandLine = new CommandLine(cli, new Factory(cli));
        cli.commandLine = commandLine;
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, command, parsed) -> {
            command.getErr().println("steward: " + exception.getMessage());
            command.getErr().flush();
            if (exception instanceof ApiException api) {
                return api.status() >= 400 && api.status() < 500 ? REFUSED : UNAVAILABLE;
            }
            return exception instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine;
    }

    public ObjectMapper json() {
        return json;
    }

    public ProfileStore profiles() {
        return new ProfileStore(config != null ? config : ProfileStore.defaultLocation());
    }

    public StewardClient client() {
        String chosen = profile != null ? profile : System.getenv("STEWARD_PROFILE");
        return new StewardClient(profiles().get(chosen), json);
    }

    public Format format() {
        return output;
    }

    public PrintWriter out() {
        return commandLine.getOut();
    }

    /** One line for people (a confirmation, a job id), flushed at once. */
    public void say(String line) {
        out().println(line);
        out().flush();
    }

    /** Prints an answer in the chosen format; {@code columns} picks and orders a table's columns. */
    public void print(JsonNode value, String... columns) {
        String text = renderer.render(value, output, columns.length == 0 ? null : List.of(columns));
        if (!text.isEmpty()) {
            out().println(text);
        }
        out().flush();
    }

    /** A JSON object of objects (Garage's {@code knownNodes}) as an array with the key in {@code keyField}. */
    public ArrayNode entries(JsonNode object, String keyField) {
        ArrayNode array = json.createArrayNode();
        if (object != null && object.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                ObjectNode row = json.createObjectNode().put(keyField, field.getKey());
                if (field.getValue().isObject()) {
                    row.setAll((ObjectNode) field.getValue());
                } else {
                    row.set("value", field.getValue());
                }
                array.add(row);
            }
        }
        return array;
    }

    /** Builds commands that take this {@link StewardCli} in their constructor; anything else as picocli would. */
    private record Factory(StewardCli cli) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(StewardCli.class).newInstance(cli);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = StewardCli.class.getPackage().getImplementationVersion();
            return new String[]{"steward " + (version == null ? "development" : version)};
        }
    }
}
