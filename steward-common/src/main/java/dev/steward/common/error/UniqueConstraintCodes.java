package dev.steward.common.error;

import java.util.Map;

/**
 * A service's unique constraints, by name, with the registry code a sequential duplicate gets. Two
 * concurrent creates of one name both pass the service's own check; the database's constraint
 * refuses the second, and this makes that refusal the same 409 as the first check would have been.
 */
public interface UniqueConstraintCodes {

    Map<String, ErrorCode> byConstraint();
}
