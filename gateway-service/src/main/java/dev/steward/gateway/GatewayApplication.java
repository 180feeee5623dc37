package dev.steward.gateway;

import dev.steward.gateway.settings.StartupTlsPort;
import io.micronaut.runtime.Micronaut;

public class GatewayApplication {

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(GatewayApplication.class).properties(StartupTlsPort.properties(System.getenv())).start();
    }
}
