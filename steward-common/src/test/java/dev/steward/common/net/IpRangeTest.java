package dev.steward.common.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeTest {

    @Test
    void blocksContainTheirAddressesOnly() throws Exception {
        IpRange lan = IpRange.parse("192.168.0.1/24");
        assertTrue(lan.contains(InetAddress.getByName("192.168.0.200")));
        assertFalse(lan.contains(InetAddress.getByName("192.168.1.1")));
        assertFalse(lan.contains(InetAddress.getByName("fd00::1")));
        assertTrue(IpRange.parse("fd00::/8").contains(InetAddress.getByName("fd12::7")));
        assertTrue(IpRange.parse("10.1.2.3").contains(InetAddress.getByName("10.1.2.3")));
        assertFalse(IpRange.parse("10.1.2.3").contains(InetAddress.getByName("10.1.2.4")));
    }

    @Test
    void canonicalFormClearsHostBits() {
        assertEquals("192.168.0.0/24", IpRange.parse("192.168.0.1/24").canonical());
        assertEquals("10.0.0.0/8", IpRange.parse("10.200.3.4/8").canonical());
        assertEquals("0.0.0.0/0", IpRange.parse("8.8.8.8/0").canonical());
        assertEquals("10.1.2.3/32", IpRange.parse("10.1.2.3").canonical());
        assertEquals("fd00:0:0:0:0:0:0:0/8", IpRange.parse("fd12::1/8").canonical());
    }

    @Test
    void onlyDottedQuadsAndIpv6AreAddresses() {
        for (String bad : new String[] {"10", "10.1", "10.1.2", "256.1.1.1", "1.2.3.4.5", "example.com", "10.0.0.0/33", "10.0.0.0/",
                "10.0.0.0/+8", "10.0.0.0/-1", "fd00::/129", "", "/8", "10.0.0.0/8/8"}) {
            assertThrows(IllegalArgumentException.class, () -> IpRange.parse(bad), bad);
        }
    }
}
