package dev.scaleplan.keys;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** An API key as listed: never with its secret. */
@Schema(description = "An API key (without its secret)")
public record ApiKey(
        @Schema(description = "Key id", example = "3") long id,
        @Schema(description = "What the key is for", example = "training-orchestrator") String name,
        @Schema(description = "The first characters of a generated secret, to tell keys apart; absent for the "
                + "bootstrap key, whose secret a person chose", example = "sp_Xk3d") String prefix,
        @Schema(description = "Scopes", example = "[\"read\", \"write\"]") List<String> scopes,
        Instant createdAt,
        @Schema(description = "When the key was revoked; absent while it is active") Instant revokedAt) {
}
