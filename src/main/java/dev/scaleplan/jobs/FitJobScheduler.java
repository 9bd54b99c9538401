package dev.scaleplan.jobs;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.scaleplan.fits.FittingProperties;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * db-scheduler for fit jobs, wired by hand: its 16.1.0 Spring Boot starter is built against Boot 3's
 * auto-configuration and actuator packages, which Boot 4 moved. One one-time task, {@code fit-job},
 * whose instance id is the job id; {@code max-concurrent} threads per replica; lock-and-fetch polling
 * ({@code SELECT … FOR UPDATE SKIP LOCKED}), so each job is picked by one replica; a job whose replica
 * stops heart-beating is revived and run again by another. Failures other than a fit's own (the
 * database gone mid-job) are retried three times, then the job fails.
 */
@Component
class FitJobScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FitJobScheduler.class);
    static final String TASK = "fit-job";
    private static final int MAX_ATTEMPTS = 3;

    /** Builds a scheduler: a stopped db-scheduler cannot start again, and a paused test context restarts. */
    private final java.util.function.Supplier<Scheduler> schedulers;
    private volatile Scheduler scheduler;
    private final OneTimeTask<Void> task;
    private final FitJobWatcher watcher;
    private final FitJobRepository jobs;
    private final String instanceName;
    private final Duration shutdownGrace;
    private volatile boolean running;
    private volatile boolean stopped;

    FitJobScheduler(DataSource dataSource, FitJobRunner runner, FitJobWatcher watcher, FitJobRepository jobs,
                    FitJobProperties properties, FittingProperties fitting, MeterRegistry meters) {
        this.watcher = watcher;
        this.jobs = jobs;
        this.shutdownGrace = properties.shutdownGrace();
        this.instanceName = properties.instanceName() != null && !properties.instanceName().isBlank()
                ? properties.instanceName() : defaultName();
        this.task = Tasks.oneTime(TASK)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(MAX_ATTEMPTS,
                        new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(2)),
                        (complete, operations) -> jobs.fail(Long.parseLong(complete.getExecution().taskInstance.getId()),
                                FitJobRunner.problem(new ApiException(ProblemType.INTERNAL, "The fit job failed "
                                        + MAX_ATTEMPTS + " times: " + complete.getCause().map(Throwable::getMessage)
                                        .orElse("unknown cause"), java.util.List.of(), Map.of())))))
                .execute((instance, context) -> runner.run(Long.parseLong(instance.getId()), instanceName));
        // Through the proxy, an execution scheduled inside a Spring transaction is written in that
        // transaction: a job and its execution are committed together or not at all.
        DataSource transactional = new TransactionAwareDataSourceProxy(dataSource);
        this.schedulers = () -> Scheduler.create(transactional, task)
                .schedulerName(new SchedulerName.Fixed(instanceName))
                .threads(fitting.maxConcurrent())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .pollUsingLockAndFetch(0.5, 1.0)
                .enableImmediateExecution()
                .enablePriority()
                .shutdownMaxWait(properties.shutdownGrace().plusSeconds(5))
                .build();
        this.scheduler = schedulers.get();
        Gauge.builder("scaleplan.fits.jobs.queued", jobs, FitJobScheduler::queued)
                .description("Fit jobs waiting for a replica, across all replicas").register(meters);
        Gauge.builder("scaleplan.fits.jobs.running", watcher, FitJobWatcher::runningHere)
                .description("Fit jobs running on this replica").register(meters);
    }

    private static double queued(FitJobRepository jobs) {
        try {
            return jobs.countQueued();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    String instanceName() {
        return instanceName;
    }

    /**
     * Schedules a job in the caller's transaction, at a priority that serves projects round robin:
     * db-scheduler picks the highest priority first, then the earliest; a job's priority is its round
     * (0, −1, −2, … for a project's successive queued jobs; see {@code FitJobRepository.QueueState}),
     * clamped to the column's smallint range. Once the transaction commits, this replica looks for work.
     */
    void schedule(long jobId, int round) {
        int priority = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, round));
        scheduler.schedule(new TaskInstance<Void>(TASK, Long.toString(jobId), () -> null, priority), Instant.now());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scheduler.triggerCheckForDueExecutions();
                }
            });
        }
    }

    /**
     * Schedules the queued jobs that have no execution: a process killed between writing a job and its
     * execution, before the two were written in one transaction, left them queued forever. Run at start;
     * a submission in progress elsewhere is not seen (its job and execution commit together).
     */
    int reconcile() {
        int scheduled = 0;
        for (long id : jobs.unscheduled(TASK)) {
            int priority = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, jobs.round(id)));
            if (scheduler.scheduleIfNotExists(new TaskInstance<Void>(TASK, Long.toString(id), () -> null, priority),
                    Instant.now())) {
                scheduled++;
            }
        }
        if (scheduled > 0) {
            scheduler.triggerCheckForDueExecutions();
            log.warn("Scheduled {} queued fit job(s) that had no execution", scheduled);
        }
        return scheduled;
    }

    /** Removes a job's execution that no replica has picked yet; a picked one stops through its monitor. */
    void unschedule(long jobId) {
        try {
            scheduler.cancel(TaskInstanceId.of(TASK, Long.toString(jobId)));
        } catch (RuntimeException e) {
            log.debug("Fit job {} was not waiting in scheduled_tasks: {}", jobId, e.getMessage());
        }
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
                + UUID.randomUUID().toString().substring(0, 6);
    }

    @Override
    public void start() {
        if (stopped) {
            scheduler = schedulers.get();
            stopped = false;
        }
        scheduler.start();
        running = true;
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Could not look for queued fit jobs without an execution: {}", e.getMessage());
        }
        log.info("Fit job scheduler {} started", instanceName);
    }

    /**
     * Picks no more jobs, lets running fits finish for {@code shutdown-grace}, then hands the rest back
     * to the queue. Runs before the web server's graceful shutdown, so a request waiting for a fit
     * that finishes in the grace period still gets it.
     */
    @Override
    public void stop() {
        Thread handBack = new Thread(() -> {
            try {
                Thread.sleep(shutdownGrace.toMillis());
                watcher.stopAllHere();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fit-job-hand-back");
        handBack.setDaemon(true);
        handBack.start();
        scheduler.stop();
        handBack.interrupt();
        running = false;
        stopped = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
