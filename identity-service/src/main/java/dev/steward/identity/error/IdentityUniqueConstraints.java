package dev.steward.identity.error;

import dev.steward.common.error.ErrorCode;
import dev.steward.common.error.UniqueConstraintCodes;
import jakarta.inject.Singleton;

import java.util.Map;

/** identity-service's unique constraints and the code a concurrent duplicate gets (as a sequential one does). */
@Singleton
public class IdentityUniqueConstraints implements UniqueConstraintCodes {

    @Override
    public Map<String, ErrorCode> byConstraint() {
        return Map.of(
                "bearer_token_name_key", IdentityErrorCode.TOKEN_NAME_TAKEN,
                "access_key_name", IdentityErrorCode.KEY_NAME_TAKEN,
                "access_key_pkey", IdentityErrorCode.KEY_ID_TAKEN,
                "gluster_app_pkey", IdentityErrorCode.APP_EXISTS,
                "volume_export_volume_id_network_key", IdentityErrorCode.EXPORT_RANGE_TAKEN);
    }
}
