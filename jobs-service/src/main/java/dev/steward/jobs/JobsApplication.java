package dev.steward.jobs;

import dev.steward.jobs.update.UpdatePackageCli;
import io.micronaut.runtime.Micronaut;

public class JobsApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(UpdatePackageCli.COMMAND)) {
            System.exit(UpdatePackageCli.run(args, System.getenv("STEWARD_UPDATE_KEY"), System.out, System.err));
        }
        Micronaut.run(JobsApplication.class, args);
    }
}
