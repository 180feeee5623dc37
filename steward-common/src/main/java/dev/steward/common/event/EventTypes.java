package dev.steward.common.event;

/** Naming rules for event types and topics, documented in docs/events.md and docs/asyncapi.yaml. */
public final class EventTypes {

    private EventTypes() {
    }

    /** Event type for a past-tense fact of a service, e.g. {@code dev.steward.cluster.NodeConnected.v1}. */
    public static String type(String service, String fact) {
        return "dev.steward." + service + "." + fact + ".v1";
    }
}
