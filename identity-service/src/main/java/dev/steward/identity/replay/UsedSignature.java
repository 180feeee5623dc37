package dev.steward.identity.replay;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("used_signature")
public record UsedSignature(@Id String fingerprint, Instant expiresAt) {
}
