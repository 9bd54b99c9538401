package dev.scaleplan.keys;

import java.net.URI;

import dev.scaleplan.web.ApiPaths;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(ApiPaths.V1 + "/keys")
@Tag(name = "API keys", description = "Keys with scopes read, write and admin; managing them needs admin")
class ApiKeyController {

    private final ApiKeyService service;

    ApiKeyController(ApiKeyService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(operationId = "createKey", summary = "Create an API key",
            description = "Returns the secret once; only its hash is stored. Scopes nest: admin includes write, "
                    + "write includes read.")
    @ApiResponse(responseCode = "201", description = "Created; the response holds the secret")
    ResponseEntity<CreatedApiKey> create(@Valid @RequestBody CreateApiKeyRequest request) {
        CreatedApiKey created = service.create(request);
        return ResponseEntity.created(URI.create(ApiPaths.V1 + "/keys/" + created.key().id())).body(created);
    }

    @GetMapping
    @Operation(operationId = "listKeys", summary = "List API keys", description = "Every key, active or revoked, without secrets.")
    PageResponse<ApiKey> list(
            @Parameter(description = "0-based page index", example = "0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 1000", example = "50") @RequestParam(defaultValue = "50") int size) {
        return service.list(new PageRequest(page, size));
    }

    @DeleteMapping("/{keyId}")
    @Operation(operationId = "revokeKey", summary = "Revoke an API key", description = "The key stops working at once on the replica that "
            + "revoked it and within 5 s on every other (their key cache). It stays listed as revoked.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "No such key")
    @ApiResponse(responseCode = "409", description = "Already revoked")
    ResponseEntity<Void> revoke(@Parameter(description = "Key id", example = "3") @PathVariable long keyId) {
        service.revoke(keyId);
        return ResponseEntity.noContent().build();
    }
}
