package dev.scaleplan.runs;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import dev.scaleplan.web.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Ingests, queries, exports and deletes runs. */
@Service
public class RunService {

    /** The body formats an upload may use. */
    public enum Format { JSON, CSV }

    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final RunRepository runs;
    private final ProjectService projects;
    private final IngestProperties limits;
    private final JsonRunReader jsonReader;
    private final CsvRunReader csvReader = new CsvRunReader();
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    RunService(RunRepository runs, ProjectService projects, IngestProperties limits, JsonMapper json, TransactionTemplate transactions,
               MeterRegistry meters) {
        this.runs = runs;
        this.projects = projects;
        this.limits = limits;
        this.jsonReader = new JsonRunReader(json);
        this.transactions = transactions;
        this.meters = meters;
    }

    /**
     * Reads and validates the whole body first, then stores it in one transaction: either every
     * run is accepted (created or unchanged) or nothing is stored.
     */
    public IngestResult ingest(String projectId, Format format, InputStream body, long contentLength) {
        long maxBytes = limits.maxBodyBytes().toBytes();
        if (contentLength > maxBytes) {
            throw LimitedInputStream.tooLarge(maxBytes);
        }
        requireProject(projectId);
        InputStream limited = new LimitedInputStream(body, maxBytes);
        List<RunInput> parsed;
        try {
            parsed = format == Format.JSON ? jsonReader.read(limited, limits.maxRunsPerUpload())
                    : csvReader.read(limited, limits.maxRunsPerUpload());
        } catch (ApiException e) {
            count(format, "rejected", 1);
            log.info("Rejected {} upload to project {}: {}", format, projectId, e.getMessage());
            throw e;
        }
        IngestResult result = transactions.execute(status -> store(projectId, parsed));
        count(format, "created", result.created());
        count(format, "unchanged", result.unchanged());
        log.info("Ingested {} upload to project {}: {} created, {} unchanged, revision {}", format, projectId,
                result.created(), result.unchanged(), result.dataRevision());
        return result;
    }

    private IngestResult store(String projectId, List<RunInput> parsed) {
        double flopsPerToken = runs.lockProject(projectId).orElseThrow(() -> ApiException.notFound("Project", projectId));
        runs.stage(parsed, flopsPerToken);
        List<RunRepository.Conflict> conflicts = runs.conflicts(projectId);
        if (!conflicts.isEmpty()) {
            throw new ApiException(ProblemType.CONFLICT, conflicts.size() + (conflicts.size() == 100 ? "+" : "")
                    + " run(s) reuse an externalId already stored with different values; nothing was stored",
                    conflicts.stream().map(RunRepository.Conflict::asError).toList());
        }
        int unchanged = runs.countExistingStaged();
        List<Long> ids = runs.insertStaged(projectId);
        int created = ids.size() - unchanged;
        long revision = created > 0 ? runs.bumpRevision(projectId) : runs.revision(projectId);
        return new IngestResult(created, unchanged, ids, revision);
    }

    private void count(Format format, String outcome, int runCount) {
        if (runCount > 0) {
            Counter.builder("scaleplan.runs.ingested")
                    .description("Runs received in uploads, by body format and outcome (rejected counts uploads)")
                    .tag("format", format.name().toLowerCase()).tag("outcome", outcome)
                    .register(meters).increment(runCount);
        }
    }

    public Run get(String projectId, long runId) {
        requireProject(projectId);
        return runs.find(projectId, runId).orElseThrow(() -> ApiException.notFound("Run", runId));
    }

    public PageResponse<Run> list(String projectId, RunFilter filter, PageRequest page) {
        requireProject(projectId);
        return PageResponse.of(runs.page(projectId, filter, page.offset(), page.size()), page,
                runs.count(projectId, filter));
    }

    /** Number of the project's runs that match the filter. */
    public long count(String projectId, RunFilter filter) {
        return runs.count(projectId, filter);
    }

    /** N, D, C and loss of every matching run, in id order, for fitting. */
    public RunPoints points(String projectId, RunFilter filter) {
        return runs.points(projectId, filter);
    }

    /** Writes every matching run as CSV, in the upload format (plus id and createdAt). */
    public void export(String projectId, RunFilter filter, OutputStream out) {
        transactions.executeWithoutResult(status -> {
            List<String> tagKeys = runs.keys(projectId, filter, "tags");
            List<String> metricKeys = runs.keys(projectId, filter, "metrics");
            try (RunCsvWriter writer = new RunCsvWriter(out, tagKeys, metricKeys)) {
                runs.forEach(projectId, filter, writer::write);
            }
        });
    }

    public void requireProject(String projectId) {
        projects.requireExists(projectId);
    }

    @Transactional
    public void delete(String projectId, long runId) {
        runs.lockProject(projectId).orElseThrow(() -> ApiException.notFound("Project", projectId));
        if (!runs.delete(projectId, runId)) {
            throw ApiException.notFound("Run", runId);
        }
        runs.bumpRevision(projectId);
        log.info("Deleted run {} of project {}", runId, projectId);
    }

    /** Parses {@code name:value} tag filters from query parameters. */
    public static RunFilter filter(String dataset, List<String> tags) {
        Map<String, String> parsed = new java.util.LinkedHashMap<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            int colon = tag.indexOf(':');
            if (colon <= 0 || tag.indexOf('\0') >= 0) {
                throw ApiException.invalidParameter("tag", "must be NAME:VALUE, got '" + RunReaders.abbreviate(tag) + "'");
            }
            String previous = parsed.put(tag.substring(0, colon), tag.substring(colon + 1));
            if (previous != null && !previous.equals(tag.substring(colon + 1))) {
                throw ApiException.invalidParameter("tag", "tag '" + RunReaders.abbreviate(tag.substring(0, colon))
                        + "' is given twice with different values; no run can carry both");
            }
        }
        if (dataset != null && dataset.indexOf('\0') >= 0) {
            throw ApiException.invalidParameter("dataset", "must not contain NUL");
        }
        return new RunFilter(dataset == null || dataset.isBlank() ? null : dataset, parsed);
    }
}
