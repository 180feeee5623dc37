package dev.steward.common.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose refusals {@link RefusedRequestAudit} leaves off the audit trail: reports
 * that agents send on a schedule (heartbeats, usage), where a refusal repeats every few seconds and
 * says nothing about what an administrator did.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NotAnAdminAction {
}
