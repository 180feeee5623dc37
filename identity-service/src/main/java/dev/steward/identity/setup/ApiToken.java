package dev.steward.identity.setup;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("api_token")
public record ApiToken(@Id Boolean singleton, String secretKeySealed, Instant changedAt) {
}
