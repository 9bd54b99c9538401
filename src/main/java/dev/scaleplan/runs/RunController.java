package dev.scaleplan.runs;

import java.io.IOException;

import dev.scaleplan.web.ApiPaths;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping(ApiPaths.V1 + "/projects/{projectId}/runs")
@Tag(name = "Runs", description = "Experiment results: upload as JSON or CSV, list, export, delete")
class RunController {

    static final String TEXT_CSV = "text/csv";
    /** The servlet container's "no timeout" for asynchronous processing (zero or less). */
    private static final long NO_TIMEOUT = -1;

    private static final String JSON_EXAMPLE = """
            [
              {"externalId": "sweep-1/run-1", "parameters": 4.0e8, "tokens": 8.0e9, "loss": 2.61, "dataset": "web-v2",
               "tags": {"sweep": "1"}, "metrics": {"hellaswag": 0.41}},
              {"externalId": "sweep-1/run-2", "parameters": 1.0e9, "tokens": 2.0e10, "loss": 2.38, "flops": 1.2e20}
            ]""";
    private static final String CSV_EXAMPLE = """
            externalId,parameters,tokens,loss,dataset,tag.sweep,metric.hellaswag
            sweep-1/run-3,4.0e8,1.6e10,2.55,web-v2,1,0.43
            sweep-1/run-4,2.0e9,4.0e10,2.27,web-v2,1,0.52
            """;

    private static final String CSV_EXPORT_EXAMPLE = """
            id,externalId,parameters,tokens,loss,flops,activeParameters,uniqueTokens,dataset,learningRate,batchSize,\
            createdAt,tag.sweep,metric.hellaswag
            1042,sweep-1/run-3,4.0E8,1.6E10,2.55,3.84E19,,,web-v2,,,2026-11-30T09:12:44.123Z,1,0.43
            """;
    private static final String TAG_SYNTAX = "Tag filters: `tag=NAME:VALUE` (repeatable) or `tag.NAME=VALUE`; values "
            + "are matched exactly as sent (commas, spaces and colons included); a name with a colon needs `tag.NAME=`.";

    private final RunService service;

    RunController(RunService service) {
        this.service = service;
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, TEXT_CSV})
    @Operation(operationId = "uploadRuns", summary = "Upload runs",
            description = """
                    Uploads a batch of finished runs as a JSON array (`application/json`) or CSV with a header row \
                    (`text/csv`; columns use the JSON field names, tags and metrics as `tag.NAME` and `metric.NAME`, \
                    an empty unquoted cell means absent and a quoted empty cell `""` an empty text, as in PostgreSQL's CSV).

                    All or nothing: if any run is invalid the whole batch is rejected with a 400 listing every row's \
                    errors (rows are 1-based), and nothing is stored. A run whose `externalId` is already stored with \
                    the same values is left unchanged; with different values the batch is rejected with 409. \
                    `flops` defaults to the project's `flopsPerToken`·N·D. Every upload that stores a run bumps the \
                    project's data revision. Limits: 64 MB body and 200,000 runs per upload (413 beyond).""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = RunInput.class)),
                            examples = @ExampleObject(name = "two runs", value = JSON_EXAMPLE)),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"),
                            examples = @ExampleObject(name = "two runs", value = CSV_EXAMPLE))}))
    @ApiResponse(responseCode = "201", description = "At least one run was stored")
    @ApiResponse(responseCode = "200", description = "Every run was already stored (idempotent re-send)")
    @ApiResponse(responseCode = "400", description = "Invalid or malformed runs; `errors` names each row and field")
    @ApiResponse(responseCode = "404", description = "No such project")
    @ApiResponse(responseCode = "409", description = "An `externalId` is stored with different values")
    @ApiResponse(responseCode = "413", description = "Body or batch too large")
    @ApiResponse(responseCode = "415", description = "Neither JSON nor CSV")
    ResponseEntity<IngestResult> upload(
            @PathVariable String projectId,
            HttpServletRequest request) throws IOException {
        MediaType type = MediaType.parseMediaType(request.getContentType());
        RunService.Format format = MediaType.APPLICATION_JSON.isCompatibleWith(type)
                ? RunService.Format.JSON : RunService.Format.CSV;
        IngestResult result = service.ingest(projectId, format, request.getInputStream(), request.getContentLengthLong());
        return ResponseEntity.status(result.created() > 0 ? HttpStatus.CREATED : HttpStatus.OK).body(result);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listRuns", summary = "List runs",
            description = "Runs in id order, one page at a time, optionally of one dataset and carrying given tags. "
                    + "Send `Accept: text/csv` to export every matching run as CSV instead (no paging), "
                    + "or use `GET .../runs/export`. " + TAG_SYNTAX)
    @TagFilterParameters
    @ApiResponse(responseCode = "200", description = "One page of runs", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such project")
    PageResponse<Run> list(
            @PathVariable String projectId,
            @Parameter(description = "Only runs of this dataset", example = "web-v2") @RequestParam(required = false) String dataset,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query,
            @Parameter(description = "0-based page index", example = "0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 1000", example = "50") @RequestParam(defaultValue = "50") int size) {
        return service.list(projectId, RunService.filter(dataset, query), new PageRequest(page, size));
    }

    @GetMapping(path = "/export", produces = TEXT_CSV)
    @Operation(operationId = "exportRuns", summary = "Export runs as CSV",
            description = "Every matching run, in the upload's CSV format plus `id` and `createdAt` (ignored when "
                    + "uploaded again). Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, "
                    + "tab or CR) get a leading apostrophe, which an upload removes again. The same as `GET .../runs` "
                    + "with `Accept: text/csv`. " + TAG_SYNTAX)
    @TagFilterParameters
    @ApiResponse(responseCode = "200", description = "The runs as CSV, with a header row",
            content = @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string", format = "binary"),
                    examples = @ExampleObject(name = "two runs", value = CSV_EXPORT_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No such project")
    ResponseEntity<StreamingResponseBody> export(
            @PathVariable String projectId,
            @Parameter(description = "Only runs of this dataset", example = "web-v2") @RequestParam(required = false) String dataset,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query,
            @Parameter(hidden = true) HttpServletRequest request) {
        RunFilter filter = RunService.filter(dataset, query);
        service.requireProject(projectId);
        // An export streams for as long as the client reads it. An async timeout would end the response
        // cleanly mid-row, indistinguishable from a complete export: exports have none.
        WebAsyncUtils.getAsyncManager(request).getAsyncWebRequest().setTimeout(NO_TIMEOUT);
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + projectId + "-runs.csv\"")
                .contentType(MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8"))
                .body(out -> {
                    try {
                        service.export(projectId, filter, out);
                    } catch (java.io.UncheckedIOException e) {
                        // The client went away: an I/O failure for Spring to close quietly, not a server error.
                        throw e.getCause();
                    }
                });
    }

    /** {@code GET .../runs} with {@code Accept: text/csv}: documented as {@link #export} (one operation per path). */
    @Hidden
    @GetMapping(produces = TEXT_CSV)
    ResponseEntity<StreamingResponseBody> exportByAccept(@PathVariable String projectId,
                                                         @RequestParam(required = false) String dataset,
                                                         @RequestParam MultiValueMap<String, String> query,
                                                         HttpServletRequest request) {
        return export(projectId, dataset, query, request);
    }

    @GetMapping("/{runId}")
    @Operation(operationId = "getRun", summary = "Get a run")
    @ApiResponse(responseCode = "200", description = "The run")
    @ApiResponse(responseCode = "404", description = "No such project or run")
    Run get(@PathVariable String projectId, @PathVariable long runId) {
        return service.get(projectId, runId);
    }

    @DeleteMapping("/{runId}")
    @Operation(operationId = "deleteRun", summary = "Delete a run", description = "Deletes the run and bumps the project's data revision.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such project or run")
    ResponseEntity<Void> delete(@PathVariable String projectId, @PathVariable long runId) {
        service.delete(projectId, runId);
        return ResponseEntity.noContent().build();
    }
}
