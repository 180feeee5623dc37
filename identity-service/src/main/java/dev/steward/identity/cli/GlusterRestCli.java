package dev.steward.identity.cli;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.identity.app.AppService;
import dev.steward.identity.gatewayconfig.GatewaySettingsService;
import io.micronaut.context.ApplicationContext;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code java -jar identity-service.jar <command>}: the Gluster REST server's administration
 * commands, against the same database as the service (same configuration):
 * {@code app-add <APP_ID> <SECRET> | app-reset <APP_ID> <SECRET> | app-del <APP_ID> | app-list |
 * config-get [<NAME>] | config-set <NAME> <VALUE> | config-reset <NAME|all>}.
 * No HTTP server and no Kafka consumers are started; a change's event waits in the outbox until a
 * running identity-service relays it.
 */
public final class GlusterRestCli {

    static final String USAGE = "usage: app-add <APP_ID> <SECRET> | app-reset <APP_ID> <SECRET> | app-del <APP_ID> | app-list"
            + " | config-get [<NAME>] | config-set <NAME> <VALUE> | config-reset <NAME|all>";

    private GlusterRestCli() {
    }

    public static boolean handles(String command) {
        return arity(command) != null;
    }

    /** Accepted argument counts (command included), or null for an unknown command. */
    private static int[] arity(String command) {
        return switch (command) {
            case "app-add", "app-reset", "config-set" -> new int[] {3};
            case "app-del", "config-reset" -> new int[] {2};
            case "app-list" -> new int[] {1};
            case "config-get" -> new int[] {1, 2};
            default -> null;
        };
    }

    public static int run(String[] args, Map<String, Object> extraProperties, PrintStream out, PrintStream err) {
        String command = args[0];
        if (java.util.Arrays.stream(arity(command)).noneMatch(count -> count == args.length)) {
            err.println(USAGE);
            return 2;
        }
        Map<String, Object> properties = new HashMap<>(extraProperties);
        properties.put("kafka.enabled", "false");
        properties.put("steward.outbox.relay.enabled", "false");
        properties.put("steward.identity.bootstrap.enabled", "false");
        try (ApplicationContext context = ApplicationContext.builder().environments("cli").properties(properties).start()) {
            Actor actor = new Actor("cli:" + System.getProperty("user.name", "unknown"), null);
            if (command.startsWith("app-")) {
                apps(context.getBean(AppService.class), args, actor, out);
            } else {
                config(context.getBean(GatewaySettingsService.class), args, actor, out);
            }
            return 0;
        } catch (ProblemException e) {
            err.println(command + ": " + e.code().title() + ": " + e.getMessage());
            return 1;
        }
    }

    private static void apps(AppService apps, String[] args, Actor actor, PrintStream out) {
        switch (args[0]) {
            case "app-add" -> apps.add(args[1], args[2], actor);
            case "app-reset" -> apps.reset(args[1], args[2], actor);
            case "app-del" -> apps.delete(args[1], actor);
            default -> {
                apps.list().forEach(out::println);
                return;
            }
        }
        out.println(args[0] + ": " + args[1] + " done");
    }

    /** Printed as Gluster lists them: {@code <name> <value>} per line. */
    private static void config(GatewaySettingsService settings, String[] args, Actor actor, PrintStream out) {
        Map<String, String> shown = switch (args[0]) {
            case "config-set" -> settings.set(args[1], args[2], actor);
            case "config-reset" -> settings.reset(args[1], actor);
            default -> args.length == 2 ? Map.of(args[1], settings.get(args[1])) : settings.all();
        };
        shown.forEach((name, value) -> out.println(name + " " + value));
    }
}
