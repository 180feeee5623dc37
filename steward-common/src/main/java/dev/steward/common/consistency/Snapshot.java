package dev.steward.common.consistency;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read-only transaction that reads one snapshot. Under PostgreSQL's default READ COMMITTED every
 * statement sees the commits made since the previous one, so a view built from several queries can
 * mix the halves of a concurrent write (GetKeyInfo showed a bucket's alias without its grant).
 * REPEATABLE READ fixes the snapshot at the first statement; read-only, it cannot fail to serialize.
 * Inside a write transaction it joins that transaction.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
public @interface Snapshot {
}
