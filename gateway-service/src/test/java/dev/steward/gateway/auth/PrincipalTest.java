package dev.steward.gateway.auth;

import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrincipalTest {

    private static Principal withScopes(String... scopes) {
        return Principal.of("key:test", Role.ADMIN, List.of(scopes), "test");
    }

    @Test
    void scopesGrantAreasAndOperations() {
        assertTrue(withScopes("*").mayCall("keys", "write"));
        assertTrue(withScopes("keys:*").mayCall("keys", "write"));
        assertTrue(withScopes("keys:read").mayCall("keys", "read"));
        assertFalse(withScopes("keys:read").mayCall("keys", "write"));
        assertFalse(withScopes("keys:*").mayCall("cluster", "read"));
        assertTrue(withScopes("*:read").mayCall("cluster", "read"));
        assertFalse(withScopes("*:read").mayCall("cluster", "write"));
        assertFalse(withScopes().mayCall("cluster", "read"));
        assertFalse(withScopes("keys").mayCall("keys", "read"), "an area alone grants nothing");
    }

    @Test
    void ipRangesLimitWhereACredentialWorks() throws Exception {
        Principal anywhere = withScopes("*");
        assertTrue(anywhere.mayCallFrom(InetAddress.getByName("203.0.113.7")));

        Principal office = Principal.of("key:test", new Grant(Role.ADMIN, List.of("*"), List.of("192.168.0.0/24", "fd00::/8"), null), "test");
        assertTrue(office.mayCallFrom(InetAddress.getByName("192.168.0.200")));
        assertFalse(office.mayCallFrom(InetAddress.getByName("192.168.1.1")));
        assertTrue(office.mayCallFrom(InetAddress.getByName("fd12:3456::1")));
        assertFalse(office.mayCallFrom(InetAddress.getByName("fe80::1")));
        assertFalse(office.mayCallFrom(InetAddress.getByName("127.0.0.1")));

        Principal host = Principal.of("key:test", new Grant(Role.ADMIN, List.of("*"), List.of("127.0.0.1"), null), "test");
        assertTrue(host.mayCallFrom(InetAddress.getByName("127.0.0.1")));
        assertFalse(host.mayCallFrom(InetAddress.getByName("127.0.0.2")));
    }
}
