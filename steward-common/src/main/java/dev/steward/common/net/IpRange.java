package dev.steward.common.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR block, e.g. {@code 192.168.0.0/24} or {@code fd00::/8}; a bare address is a /32 or /128. */
public record IpRange(byte[] network, int prefixLength) {

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    public static IpRange parse(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        // Dotted-quad IPv4 or IPv6 only: never a host name (no DNS look-up), and not the legacy short
        // forms InetAddress also accepts ("10" would be 0.0.0.10).
        if (!IPV4.matcher(address).matches() && !(address.contains(":") && address.matches("[0-9a-fA-F:.]+"))) {
            throw new IllegalArgumentException("not an IP address: " + cidr);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + cidr);
        }
        if (slash >= 0 && !cidr.substring(slash + 1).matches("\\d{1,3}")) {
            throw new IllegalArgumentException("bad prefix length in " + cidr);
        }
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("bad prefix length in " + cidr);
        }
        return new IpRange(bytes, prefix);
    }

    public boolean contains(InetAddress candidate) {
        byte[] address = candidate.getAddress();
        if (address.length != network.length) {
            return false;
        }
        int bits = network.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
        return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    /** Whether every address of {@code other} is in this block (same family, no shorter prefix, same network bits). */
    public boolean containsRange(IpRange other) {
        if (other.network().length != network.length || other.prefixLength() < prefixLength) {
            return false;
        }
        try {
            return contains(InetAddress.getByAddress(other.network()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
        }
    }

    /** The block written with its host bits cleared, e.g. {@code 192.168.0.1/24} → {@code 192.168.0.0/24}. */
    public String canonical() {
        byte[] masked = network.clone();
        for (int bit = prefixLength; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(masked).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
        }
    }
}
