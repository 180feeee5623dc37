package dev.steward.cluster;

import io.micronaut.runtime.Micronaut;

public class ClusterApplication {

    public static void main(String[] args) {
        Micronaut.run(ClusterApplication.class, args);
    }
}
