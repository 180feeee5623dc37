package dev.steward.identity;

import dev.steward.identity.app.AppCli;
import io.micronaut.runtime.Micronaut;

import java.util.Map;

public class IdentityApplication {

    public static void main(String[] args) {
        if (args.length > 0 && AppCli.handles(args[0])) {
            System.exit(AppCli.run(args, Map.of(), System.out, System.err));
        }
        Micronaut.run(IdentityApplication.class, args);
    }
}
