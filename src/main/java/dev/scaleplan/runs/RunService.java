package dev.scaleplan.runs;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import dev.scaleplan.projects.RunCounts;
import java.util.Collection;
import java.util.Map;

import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.Names;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import dev.scaleplan.web.RequestJson;
import dev.scaleplan.web.ProblemType;
import dev.scaleplan.web.WellFormedText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Ingests, queries, exports and deletes runs. */
@Service
public class RunService implements RunCounts {

    /** The body formats an upload may use. */
    public enum Format { JSON, CSV }

    private static final Logger log = LoggerFactory.getLogger(RunService.class);
    private static final int EXPORT_PAGE = 1000;

    private final RunRepository runs;
    private final ProjectService projects;
    private final IngestProperties limits;
    private final JsonRunReader jsonReader;
    private final CsvRunReader csvReader = new CsvRunReader();
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    RunService(RunRepository runs, ProjectService projects, IngestProperties limits, RequestJson json,
               TransactionTemplate transactions, MeterRegistry meters) {
        this.runs = runs;
        this.projects = projects;
        this.limits = limits;
        this.jsonReader = new JsonRunReader(json.mapper());
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
        IngestResult result;
        try {
            List<RunInput> parsed = format == Format.JSON ? jsonReader.read(limited, limits.maxRunsPerUpload())
                    : csvReader.read(limited, limits.maxRunsPerUpload());
            result = transactions.execute(status -> store(projectId, parsed));
        } catch (ApiException e) {
            // Invalid rows (400) or a run stored under the same externalId with other values (409): nothing stored.
            count(format, "rejected", 1);
            log.info("Rejected {} upload to project {}: {}", format, projectId, e.getMessage());
            throw e;
        }
        count(format, "created", result.created());
        count(format, "unchanged", result.unchanged());
        log.info("Ingested {} upload to project {}: {} created, {} unchanged, revision {}", format, projectId,
                result.created(), result.unchanged(), result.dataRevision());
        return result;
    }

    private IngestResult store(String projectId, List<RunInput> parsed) {
        double flopsPerToken = projects.lockForUpdate(projectId);
        UploadChecks.defaultedFlops(parsed, flopsPerToken);
        UploadChecks.embeddings(parsed, projects.conventions(projectId).parameterCount());
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
        long revision = created > 0 ? projects.bumpRevision(projectId) : projects.revision(projectId);
        return new IngestResult(created, unchanged, ids, revision, flopsWarnings(parsed, ids, flopsPerToken));
    }

    /** A warning naming the uploaded runs whose given flops lie more than 2× from k·N·D, if any. */
    private static List<String> flopsWarnings(List<RunInput> parsed, List<Long> ids, double flopsPerToken) {
        long total = 0;
        List<FlopsMismatches.Run> first = new java.util.ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            RunInput run = parsed.get(i);
            if (run.flops() == null) {
                continue;
            }
            double ratio = run.flops() / (flopsPerToken * run.parameters() * run.tokens());
            if (ratio > FlopsMismatches.FACTOR || ratio * FlopsMismatches.FACTOR < 1) {
                total++;
                if (first.size() < FlopsMismatches.LISTED) {
                    first.add(new FlopsMismatches.Run(i < ids.size() ? ids.get(i) : -1, run.externalId(), ratio));
                }
            }
        }
        return total == 0 ? List.of() : List.of(new FlopsMismatches(total, first).warning(flopsPerToken));
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
    /** Named datasets with their run counts, most runs first, then by name. */
    public List<DatasetRuns> datasets(String projectId) {
        return runs.datasets(projectId);
    }

    public long runsWithoutDataset(String projectId) {
        return runs.runsWithoutDataset(projectId);
    }

    @Override
    public Map<String, Long> runCounts(Collection<String> projectIds) {
        return runs.countsByProject(projectIds);
    }

    public long count(String projectId, RunFilter filter) {
        return runs.count(projectId, filter);
    }

    /** N, D, C, loss, experts and total parameters of every matching run, in id order, for fitting. */
    public RunPoints points(String projectId, RunFilter filter) {
        return runs.points(projectId, filter);
    }

    /** Every metric name the project's runs carry, sorted. */
    public List<String> metricNames(String projectId) {
        return runs.metricNames(projectId);
    }

    /** Loss and the value of {@code metric} of every matching run that carries it, in id order, for a downstream fit. */
    public MetricPoints metricPoints(String projectId, RunFilter filter, String metric) {
        return runs.metricPoints(projectId, filter, metric);
    }

    /** The predictor {@code from} and {@code metric} of the matching runs that carry both. */
    public MetricPoints metricPoints(String projectId, RunFilter filter, RunQuantity from, RunQuantity metric) {
        return runs.metricPoints(projectId, filter, from, metric);
    }

    /** As {@link #points}, with {@code quantity} in place of the loss, of the runs that carry it. */
    public RunPoints points(String projectId, RunFilter filter, RunQuantity quantity) {
        return runs.points(projectId, filter, quantity);
    }

    /** As {@link #taggedPoints}, with {@code quantity} in place of the loss, of the runs that carry it. */
    public TaggedPoints taggedPoints(String projectId, RunFilter filter, String tag, RunQuantity quantity) {
        return runs.taggedPoints(projectId, filter, tag, quantity);
    }

    /** Ids, N, D, C, loss and one tag's value of every matching run, in id order, for IsoFLOP budgets. */
    public TaggedPoints taggedPoints(String projectId, RunFilter filter, String tag) {
        return runs.taggedPoints(projectId, filter, tag);
    }

    /**
     * Writes every matching run as CSV, in the upload format (plus id and createdAt). The runs stored
     * when the export starts are read a page at a time, each page in its own short query, so a client
     * that reads slowly (or not at all) holds no database connection while the service waits on it.
     * Runs never change once stored, so the pages and the header's tag and metric names agree.
     */
    public void export(String projectId, RunFilter filter, OutputStream out) {
        long lastId = runs.lastId(projectId);
        List<String> tagKeys = runs.keys(projectId, filter, "tags", lastId);
        List<String> metricKeys = runs.keys(projectId, filter, "metrics", lastId);
        try (RunCsvWriter writer = new RunCsvWriter(out, tagKeys, metricKeys)) {
            long after = 0;
            while (true) {
                List<Run> page = runs.pageAfter(projectId, filter, after, lastId, EXPORT_PAGE);
                page.forEach(writer::write);
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).id();
            }
        }
    }

    /** Runs matching {@code filter} whose flops lie more than {@link FlopsMismatches#FACTOR}× from k·N·D. */
    public FlopsMismatches flopsMismatches(String projectId, RunFilter filter, double flopsPerToken) {
        return runs.flopsMismatches(projectId, filter, flopsPerToken, FlopsMismatches.FACTOR, FlopsMismatches.LISTED);
    }

    public void requireProject(String projectId) {
        projects.requireExists(projectId);
    }

    @Transactional
    public void delete(String projectId, long runId) {
        projects.lockForUpdate(projectId);
        if (!runs.delete(projectId, runId)) {
            throw ApiException.notFound("Run", runId);
        }
        projects.bumpRevision(projectId);
        log.info("Deleted run {} of project {}", runId, projectId);
    }

    /**
     * The run filter of a list or export query: {@code dataset=} and tags, each as {@code tag=NAME:VALUE}
     * (split at the first colon; repeatable) or {@code tag.NAME=VALUE} (any name a tag may have,
     * colons included). Values are taken exactly as sent: commas, spaces and colons are part of them.
     */
    public static RunFilter filter(String dataset, Map<String, List<String>> query) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String key = parameter.getKey();
            for (String value : parameter.getValue()) {
                if (key.equals("tag")) {
                    int colon = value.indexOf(':');
                    if (colon <= 0) {
                        throw ApiException.invalidParameter("tag", "must be NAME:VALUE (or use tag.NAME=VALUE), got '"
                                + RunReaders.abbreviate(value) + "'");
                    }
                    addTag(tags, "tag", value.substring(0, colon), value.substring(colon + 1));
                } else if (key.startsWith(CsvRunReader.TAG_PREFIX)) {
                    addTag(tags, key, key.substring(CsvRunReader.TAG_PREFIX.length()), value);
                }
            }
        }
        if (dataset != null && !WellFormedText.Validator.wellFormed(dataset)) {
            throw ApiException.invalidParameter("dataset", "must not contain NUL or unpaired surrogates");
        }
        return new RunFilter(dataset == null || dataset.isBlank() ? null : dataset, tags);
    }

    private static void addTag(Map<String, String> tags, String parameter, String name, String value) {
        if (!Names.valid(name)) {
            throw ApiException.invalidParameter(parameter, "tag names match " + Names.PATTERN + ", got '"
                    + RunReaders.abbreviate(name) + "'");
        }
        if (!WellFormedText.Validator.wellFormed(value) || value.length() > RunLimits.MAX_TAG_VALUE) {
            throw ApiException.invalidParameter(parameter, "tag values are at most " + RunLimits.MAX_TAG_VALUE
                    + " characters without NUL");
        }
        String previous = tags.put(name, value);
        if (previous != null && !previous.equals(value)) {
            throw ApiException.invalidParameter(parameter, "tag '" + RunReaders.abbreviate(name)
                    + "' is given twice with different values; no run can carry both");
        }
        if (tags.size() > RunLimits.MAX_ENTRIES) {
            throw ApiException.invalidParameter(parameter, "at most " + RunLimits.MAX_ENTRIES + " tags");
        }
    }
}
