package dev.steward.common.idempotency;

import io.micronaut.aop.Around;
import io.micronaut.context.annotation.Type;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller: its mutating routes honour an {@code Idempotency-Key} header
 * ({@link IdempotencyInterceptor}). Routes that take file uploads refuse the header.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Around
@Type(IdempotencyInterceptor.class)
public @interface Idempotent {
}
