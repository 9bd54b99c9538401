package dev.scaleplan.keys;

import io.swagger.v3.oas.annotations.media.Schema;

/** A new key with its secret, shown this once. */
@Schema(description = "A new API key; `secret` is shown only in this response")
public record CreatedApiKey(
        @Schema(description = "The key") ApiKey key,
        @Schema(description = "The secret to send as `Authorization: Bearer <secret>`; it cannot be retrieved later",
                example = "sp_Xk3dQ0b9cU7Jr2mWq4eLzT8vYh1nA6sF5gD0pK9iE3o") String secret) {
}
