package dev.steward.identity.app;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import io.micronaut.context.ApplicationContext;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar identity-service.jar app-add <APP_ID> <SECRET> | app-reset <APP_ID> <SECRET> |
 * app-del <APP_ID> | app-list}: the Gluster REST API's registration commands, against the same
 * database as the service (same configuration). No HTTP server and no Kafka consumers are started;
 * the change's event waits in the outbox until a running identity-service relays it.
 */
public final class AppCli {

    static final Set<String> COMMANDS = Set.of("app-add", "app-reset", "app-del", "app-list");

    private AppCli() {
    }

    public static boolean handles(String command) {
        return COMMANDS.contains(command);
    }

    public static int run(String[] args, Map<String, Object> extraProperties, PrintStream out, PrintStream err) {
        String command = args[0];
        int expected = switch (command) {
            case "app-add", "app-reset" -> 3;
            case "app-del" -> 2;
            default -> 1;
        };
        if (args.length != expected) {
            err.println("usage: app-add <APP_ID> <SECRET> | app-reset <APP_ID> <SECRET> | app-del <APP_ID> | app-list");
            return 2;
        }
        Map<String, Object> properties = new HashMap<>(extraProperties);
        properties.put("kafka.enabled", "false");
        properties.put("steward.outbox.relay.enabled", "false");
        properties.put("steward.identity.bootstrap.enabled", "false");
        try (ApplicationContext context = ApplicationContext.builder().environments("cli").properties(properties).start()) {
            AppService apps = context.getBean(AppService.class);
            Actor actor = new Actor("cli:" + System.getProperty("user.name", "unknown"), null);
            switch (command) {
                case "app-add" -> apps.add(args[1], args[2], actor);
                case "app-reset" -> apps.reset(args[1], args[2], actor);
                case "app-del" -> apps.delete(args[1], actor);
                default -> apps.list().forEach(out::println);
            }
            if (!command.equals("app-list")) {
                out.println(command + ": " + args[1] + " done");
            }
            return 0;
        } catch (ProblemException e) {
            err.println(command + ": " + e.code().title() + ": " + e.getMessage());
            return 1;
        }
    }
}
