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
import org.springframework.stereotype.Component;

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

    private final Scheduler scheduler;
    private final OneTimeTask<Void> task;
    private final FitJobWatcher watcher;
    private final String instanceName;
    private final Duration shutdownGrace;
    private volatile boolean running;

    FitJobScheduler(DataSource dataSource, FitJobRunner runner, FitJobWatcher watcher, FitJobRepository jobs,
                    FitJobProperties properties, FittingProperties fitting, MeterRegistry meters) {
        this.watcher = watcher;
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
        this.scheduler = Scheduler.create(dataSource, task)
                .schedulerName(new SchedulerName.Fixed(instanceName))
                .threads(fitting.maxConcurrent())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .pollUsingLockAndFetch(0.5, 1.0)
                .enableImmediateExecution()
                .shutdownMaxWait(properties.shutdownGrace().plusSeconds(5))
                .build();
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

    void schedule(long jobId) {
        scheduler.schedule(task.instance(Long.toString(jobId)), Instant.now());
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
        scheduler.start();
        running = true;
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
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
