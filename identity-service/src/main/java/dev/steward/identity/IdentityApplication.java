package dev.steward.identity;

import dev.steward.identity.cli.GlusterRestCli;
import io.micronaut.runtime.Micronaut;

import java.util.Map;

public class IdentityApplication {

    public static void main(String[] args) {
        if (args.length > 0 && GlusterRestCli.handles(args[0])) {
            System.exit(GlusterRestCli.run(args, Map.of(), System.out, System.err));
        }
        Micronaut.run(IdentityApplication.class, args);
    }
}
