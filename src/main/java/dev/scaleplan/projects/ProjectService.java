package dev.scaleplan.projects;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

import java.util.Objects;
import java.util.Optional;

import dev.scaleplan.fitting.FlopsConvention;
import dev.scaleplan.fitting.ParameterCount;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemError;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import dev.scaleplan.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Creates, reads, changes and deletes projects. */
@Service
public class ProjectService {

    /** Dense transformers: 6 FLOPs per parameter per token (Kaplan et al. 2020, sec. 2.1). */
    public static final double DEFAULT_FLOPS_PER_TOKEN = 6.0;

    private static final Logger log = LoggerFactory.getLogger(ProjectService.class);

    private final ProjectRepository projects;
    private final ObjectProvider<RunCounts> runCounts;
    private final ObjectProvider<ProjectFits> fits;
    private final SharedReads<String, Optional<CurrentRevision>> revisions;

    ProjectService(ProjectRepository projects, ObjectProvider<RunCounts> runCounts, ObjectProvider<ProjectFits> fits) {
        this.projects = projects;
        this.revisions = new SharedReads<>(projects::currentRevision);
        this.runCounts = runCounts;
        this.fits = fits;
    }

    @Transactional
    public Project create(CreateProjectRequest request) {
        double flopsPerToken = Objects.requireNonNullElse(request.flopsPerToken(), DEFAULT_FLOPS_PER_TOKEN);
        CountingConventions conventions = new CountingConventions(
                ParameterCount.of(Objects.requireNonNullElse(request.parameterCount(), ParameterCount.TOTAL.wireName())),
                FlopsConvention.of(Objects.requireNonNullElse(request.flopsConvention(), FlopsConvention.SIX_N.wireName())),
                flopsPerToken);
        if (!projects.insert(request.id(), request.name().strip(), request.description(), flopsPerToken, conventions,
                Objects.requireNonNullElse(request.aggregates(), Map.of()))) {
            throw new ApiException(ProblemType.CONFLICT, "Project '" + request.id() + "' already exists");
        }
        log.info("Created project {}", request.id());
        return get(request.id());
    }

    public Project get(String id) {
        return withRunCounts(List.of(projects.find(id).orElseThrow(() -> ApiException.notFound("Project", id))))
                .get(0);
    }

    /** The project's FLOPs per token (k); a 404 when there is no such project. */
    public double flopsPerToken(String id) {
        return projects.flopsPerToken(id).orElseThrow(() -> ApiException.notFound("Project", id));
    }

    /** How the project counts N and C; a 404 when there is no such project. */
    public CountingConventions conventions(String id) {
        return projects.conventions(id).orElseThrow(() -> ApiException.notFound("Project", id));
    }

    /** A 404 when there is no such project; one primary-key lookup, without counting runs as {@link #get} does. */
    public void requireExists(String id) {
        flopsPerToken(id);
    }

    public PageResponse<Project> list(PageRequest page) {
        return PageResponse.of(withRunCounts(projects.page(page.offset(), page.size())), page, projects.count());
    }

    /**
     * Locks the project for the rest of the caller's transaction (so that changes to its runs are
     * serialised) and returns its FLOPs per token; a 404 when there is no such project.
     */
    public double lockForUpdate(String id) {
        return projects.lockForUpdate(id).orElseThrow(() -> ApiException.notFound("Project", id));
    }

    /** Records a change to the project's runs: its data revision moves on, and the new one is returned. */
    public long bumpRevision(String id) {
        return projects.bumpRevision(id);
    }

    /**
     * A project's data revision with the instant the project was created, which tells a project apart from
     * an earlier one deleted under the same id: what a project's fits were checked against stays true while
     * both are the same, because fits are deleted only with their project.
     */
    public record CurrentRevision(long dataRevision, Instant projectCreatedAt) {
    }

    /**
     * The project's current data revision and creation, read after this call began (concurrent callers share
     * one read: {@link SharedReads}; inside a transaction, its own read); a 404 when there is no such project.
     */
    public CurrentRevision currentRevision(String id) {
        Optional<CurrentRevision> read = TransactionSynchronizationManager.isActualTransactionActive()
                ? projects.currentRevision(id) : revisions.get(id);
        return read.orElseThrow(() -> ApiException.notFound("Project", id));
    }

    /** The project's aggregates by name (a 404 when there is no such project). */
    public Map<String, List<String>> aggregates(String id) {
        return projects.find(id).orElseThrow(() -> ApiException.notFound("Project", id)).aggregates();
    }

    /** The project's current data revision; a 404 when there is no such project. */
    public long revision(String id) {
        return projects.revision(id).orElseThrow(() -> ApiException.notFound("Project", id));
    }

    private List<Project> withRunCounts(List<Project> page) {
        Map<String, Long> counts = runCounts.getObject().runCounts(page.stream().map(Project::id).toList());
        return page.stream().map(p -> new Project(p.id(), p.name(), p.description(), p.flopsPerToken(),
                p.parameterCount(), p.flopsConvention(), p.dataRevision(), counts.getOrDefault(p.id(), 0L), p.createdAt(),
                p.updatedAt(), p.aggregates())).toList();
    }

    @Transactional
    public Project update(String id, UpdateProjectRequest request) {
        String name = request.name() == null ? null : request.name().strip();
        if (name != null && name.isEmpty()) {
            throw ApiException.invalidField("name", "must not be blank");
        }
        if (request.parameterCount() != null) {
            requireNoFitsToRecount(id, request.parameterCount());
        }
        if (!projects.update(id, name, request.description(), request.flopsPerToken(), request.parameterCount(),
                request.flopsConvention(), request.aggregates())) {
            throw ApiException.notFound("Project", id);
        }
        return get(id);
    }

    /**
     * The stored N were counted in the project's parameter count, and its fits were made on them: declaring
     * another count under existing fits would relabel their plans without changing a number, so it is refused
     * (a 409 naming the field). The FLOPs convention may change at any time: it bumps the data revision, so
     * existing fits are reported stale, as with {@code flopsPerToken}.
     */
    private void requireNoFitsToRecount(String id, String parameterCount) {
        CountingConventions current = conventions(id);
        if (current.parameterCount().wireName().equals(parameterCount)) {
            return;
        }
        long fitCount = fits.getObject().fitCount(id);
        if (fitCount > 0) {
            throw new ApiException(ProblemType.CONFLICT, "Project '" + id + "' has " + fitCount + " fit(s) made with"
                    + " parameters counted as " + current.parameterCount().wireName() + "; parameterCount can change only"
                    + " while a project has no fits. Create a new project for the other count.",
                    List.of(ProblemError.field("parameterCount", "cannot change while the project has fits")));
        }
    }

    @Transactional
    public void delete(String id) {
        if (!projects.delete(id)) {
            throw ApiException.notFound("Project", id);
        }
        log.info("Deleted project {}", id);
    }
}
