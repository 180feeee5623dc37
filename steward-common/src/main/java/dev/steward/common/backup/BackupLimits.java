package dev.steward.common.backup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

/**
 * What a service accepts as its part of a restore ({@code steward.backup.limits}): the gzipped
 * document may expand to at most {@code expandedPartBytes}. A bigger one (a gzip bomb) is refused
 * with a "no" vote, and the restore rolls back everywhere, instead of exhausting the heap of the
 * service that authenticates everything.
 */
@ConfigurationProperties("steward.backup.limits")
public record BackupLimits(@Bindable(defaultValue = "1GB") @ReadableBytes long expandedPartBytes) {
}
