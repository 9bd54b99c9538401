package dev.scaleplan.keys;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import dev.scaleplan.web.WellFormedText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /keys}. */
@Schema(description = "A new API key")
public record CreateApiKeyRequest(
        @Schema(description = "What the key is for", example = "training-orchestrator",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*", message = "must not contain control characters") @WellFormedText
        String name,
        @ArraySchema(arraySchema = @Schema(description = "Scopes: read, write (includes read), admin (includes both)",
                example = "[\"read\", \"write\"]", requiredMode = Schema.RequiredMode.REQUIRED),
                schema = @Schema(allowableValues = {"read", "write", "admin"}))
        @NotEmpty @Size(max = 3)
        List<@NotNull @Pattern(regexp = "read|write|admin", message = "must be read, write or admin") String> scopes) {
}
