package dev.steward.cluster.error;

import dev.steward.common.error.ErrorCode;
import dev.steward.common.error.UniqueConstraintCodes;
import jakarta.inject.Singleton;

import java.util.Map;

/** cluster-service's unique constraints and the code a concurrent duplicate gets (as a sequential one does). */
@Singleton
public class ClusterUniqueConstraints implements UniqueConstraintCodes {

    @Override
    public Map<String, ErrorCode> byConstraint() {
        return Map.of(
                "volume_name_key", ClusterErrorCode.VOLUME_NAME_TAKEN,
                "volume_quota_volume_id_path_key", ClusterErrorCode.QUOTA_PATH_TAKEN,
                "bucket_global_alias_pkey", ClusterErrorCode.BUCKET_ALIAS_TAKEN,
                "bucket_local_alias_pkey", ClusterErrorCode.BUCKET_ALIAS_TAKEN);
    }
}
