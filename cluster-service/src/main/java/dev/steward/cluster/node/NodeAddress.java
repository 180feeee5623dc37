package dev.steward.cluster.node;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code <node id>@<address>:<port>} as ConnectClusterNodes takes it. */
public record NodeAddress(String nodeId, String address) {

    /** Garage node ids are 32-byte public keys in hex. */
    private static final Pattern NODE_ID = Pattern.compile("[0-9a-fA-F]{64}");
    /** host or IPv4, or [IPv6], then a port. */
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]+):(\\d{1,5})");

    /** The host part of a stored {@code host:port} address. */
    static String host(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    public static NodeAddress parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("node specification is null");
        }
        int at = spec.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("expected <node id>@<ip address>:<port>, got '" + spec + "'");
        }
        String id = spec.substring(0, at);
        if (!NODE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("node id must be 64 hexadecimal characters, got '" + id + "'");
        }
        Matcher hostPort = HOST_PORT.matcher(spec.substring(at + 1));
        if (!hostPort.matches()) {
            throw new IllegalArgumentException("expected <ip address>:<port> after '@', got '" + spec.substring(at + 1) + "'");
        }
        int port = Integer.parseInt(hostPort.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        return new NodeAddress(id.toLowerCase(Locale.ROOT), hostPort.group(1) + ":" + port);
    }
}
