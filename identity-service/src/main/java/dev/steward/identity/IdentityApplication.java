package dev.steward.identity;

import io.micronaut.runtime.Micronaut;

public class IdentityApplication {

    public static void main(String[] args) {
        Micronaut.run(IdentityApplication.class, args);
    }
}
