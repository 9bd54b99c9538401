package dev.scaleplan.jobs;

import java.net.URI;
import java.time.Duration;

import dev.scaleplan.fits.FitRequest;
import dev.scaleplan.fits.FitResponse;
import dev.scaleplan.web.ApiPaths;
import dev.scaleplan.web.AsyncAnswer;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@RestController
@Tag(name = "Fits", description = "Scaling-law fits with bootstrap intervals, predictions with bands, and curves")
class FitJobController {

    /**
     * How much longer than its wait a request may stay open: the answer is read after the wait ends, and
     * the servlet container must not time the request out first.
     */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);

    private final FitJobService service;
    private final FitJobWaits waits;

    FitJobController(FitJobService service, FitJobWaits waits) {
        this.service = service;
        this.waits = waits;
    }

    @PostMapping(ApiPaths.V1 + "/projects/{projectId}/fits")
    @Operation(operationId = "createFit", summary = "Fit a scaling law",
            description = """
                    Fits the project's runs (optionally filtered) with Hoffmann et al.'s Approach 3: a Huber loss on \
                    log-loss residuals minimised from the full initial grid, then a seeded bootstrap for percentile \
                    intervals. Exponents are kept ≥ 0 and E > 0 in the fit itself. The fit is stored with the \
                    project's data revision. `warnings` flag parameters at a bound, intervals spanning orders of \
                    magnitude, failed bootstrap refits and runs whose flops disagree with flopsPerToken·N·D; plans \
                    repeat them.

                    The fit runs as a job on any replica. The request waits up to `wait` seconds (default 10, at \
                    most 60; `wait=0` never waits): a fit done in time is answered 201 with the fit, as before; \
                    otherwise 202 with the job and `Location` of `/fit-jobs/{jobId}` to poll. A fit that cannot be \
                    made (too few runs, no spread in N or D, N or D spanning less than 2× — `not-identifiable`, with the \
                    measured `spread` — no convergence, time budget used up) is a 422 with a \
                    `reason` when it fails within the wait, else the job's `problem`. When many requests already \
                    wait, the answer is 202 at once. A key may have at most `scaleplan.admission.queue.per-key` \
                    jobs queued and a project `per-project` (429 beyond); queued jobs are served round robin \
                    across projects.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, examples = {
                    @ExampleObject(name = "chinchilla with defaults", value = "{\"form\": \"chinchilla\"}"),
                    @ExampleObject(name = "all options", value = "{\"form\": \"chinchilla\", \"loss\": \"huber\", "
                            + "\"huberDelta\": 0.001, \"bootstrap\": 200, \"confidenceLevel\": 0.9, \"seed\": 42, "
                            + "\"filter\": {\"dataset\": \"web-v2\"}, \"holdout\": 0.1}")})))
    @ApiResponse(responseCode = "201", description = "Fitted within the wait",
            content = @Content(schema = @Schema(implementation = FitResponse.class)))
    @ApiResponse(responseCode = "202", description = "Not done within the wait: the job, to poll at `Location`",
            content = @Content(schema = @Schema(implementation = FitJob.class)))
    @ApiResponse(responseCode = "400", description = "Invalid options or wait")
    @ApiResponse(responseCode = "429", description = "Too many fit requests or queued jobs for this key or project; "
            + "retry after `Retry-After` seconds")
    @ApiResponse(responseCode = "404", description = "No such project")
    @ApiResponse(responseCode = "422", description = "The law cannot be fitted to these runs; `reason` says why")
    DeferredResult<ResponseEntity<Object>> create(
            @PathVariable String projectId,
            @Parameter(description = "Seconds to wait for the fit before answering 202 with the job (0 to 60; "
                    + "default 10)", example = "10") @RequestParam(required = false) Integer wait,
            @Valid @RequestBody FitRequest request) {
        Duration waitFor = service.waitFor(wait);
        FitJob submitted = service.submit(projectId, request);
        // The request thread returns to the pool now; the answer is written when the wait ends.
        return AsyncAnswer.of(waits.await(submitted.id(), waitFor, jobId -> answer(service.get(projectId, jobId))),
                waitFor.plus(ANSWER_MARGIN));
    }

    /** 201 with the fit, the job's problem, or 202 with the job still queued or running. */
    private ResponseEntity<Object> answer(FitJob job) {
        return switch (job.status()) {
            case SUCCEEDED -> ResponseEntity.created(URI.create(ApiPaths.V1 + "/projects/" + job.projectId() + "/fits/"
                    + job.fitId())).body(service.fit(job));
            case FAILED -> throw FitJobRunner.exception(job.problem());
            default -> ResponseEntity.status(HttpStatus.ACCEPTED).location(location(job)).body(job);
        };
    }

    @GetMapping(ApiPaths.V1 + "/projects/{projectId}/fit-jobs")
    @Operation(operationId = "listFitJobs", summary = "List fit jobs",
            description = "The project's fit jobs, newest first, optionally only those with given statuses (such as "
                    + "`status=queued,running` for a dashboard of work in progress). Each has its `phase` and its "
                    + "overall `progress` from 0 to 1.")
    @ApiResponse(responseCode = "200", description = "One page of jobs")
    @ApiResponse(responseCode = "400", description = "Unknown status, or page out of range")
    @ApiResponse(responseCode = "404", description = "No such project")
    PageResponse<FitJob> list(
            @PathVariable String projectId,
            @Parameter(description = "Only jobs with these statuses, comma-separated: queued, running, succeeded, "
                    + "failed, cancelled (default: all)") @RequestParam(required = false) String status,
            @Parameter(description = "0-based page index", example = "0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 1000", example = "50") @RequestParam(defaultValue = "50") int size) {
        return service.list(projectId, status, new PageRequest(page, size));
    }

    @DeleteMapping(ApiPaths.V1 + "/projects/{projectId}/fit-jobs")
    @Operation(operationId = "cancelFitJobs", summary = "Cancel a project's queued (or running) fit jobs at once",
            description = "`status=queued` cancels every job of the project still waiting for a replica; "
                    + "`status=running` stops every running one within about a second. Answers how many and which.")
    @ApiResponse(responseCode = "200", description = "What was cancelled (possibly nothing)")
    @ApiResponse(responseCode = "400", description = "status missing, unknown, or a finished status")
    @ApiResponse(responseCode = "404", description = "No such project")
    FitJobsCancelled cancelAll(
            @PathVariable String projectId,
            @Parameter(description = "Which jobs to cancel: queued or running", required = true, example = "queued")
            @RequestParam(required = false) String status) {
        return service.cancelAll(projectId, status);
    }

    @GetMapping(ApiPaths.V1 + "/projects/{projectId}/fit-jobs/{jobId}")
    @Operation(operationId = "getFitJob", summary = "Follow a fit job", description = "Status, phase and progress; `fitId` once succeeded, "
            + "`problem` once failed.")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "404", description = "No such project or job")
    FitJob get(@PathVariable String projectId, @PathVariable long jobId) {
        return service.get(projectId, jobId);
    }

    @DeleteMapping(ApiPaths.V1 + "/projects/{projectId}/fit-jobs/{jobId}")
    @Operation(operationId = "cancelFitJob", summary = "Cancel a fit job", description = "A queued job is not run; a running one stops within "
            + "about a second on whichever replica runs it. Answers the cancelled job.")
    @ApiResponse(responseCode = "200", description = "The cancelled job")
    @ApiResponse(responseCode = "404", description = "No such project or job")
    @ApiResponse(responseCode = "409", description = "The job has already succeeded or failed")
    FitJob cancel(@PathVariable String projectId, @PathVariable long jobId) {
        return service.cancel(projectId, jobId);
    }

    private static URI location(FitJob job) {
        return URI.create(ApiPaths.V1 + "/projects/" + job.projectId() + "/fit-jobs/" + job.id());
    }
}
