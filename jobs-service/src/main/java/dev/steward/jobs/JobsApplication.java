package dev.steward.jobs;

import io.micronaut.runtime.Micronaut;

public class JobsApplication {

    public static void main(String[] args) {
        Micronaut.run(JobsApplication.class, args);
    }
}
