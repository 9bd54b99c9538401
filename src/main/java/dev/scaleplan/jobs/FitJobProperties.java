package dev.scaleplan.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fit jobs ({@code scaleplan.fitting.jobs.*}). The per-replica concurrency limit is
 * {@code scaleplan.fitting.max-concurrent}: that many scheduler threads run fits.
 *
 * @param defaultWait how long {@code POST /fits} waits for the fit when the client gives no {@code wait}
 * @param maxWait the longest {@code wait} a client may ask for
 * @param maxWaiting requests of one replica that may wait at once; beyond, the answer is 202 at once.
 *                   A waiting request holds its connection, not a request thread ({@link FitJobWaits})
 * @param pollingInterval how often a replica looks for queued jobs (a replica runs the jobs it queues
 *                        at once when it has a free thread)
 * @param heartbeatInterval how often a replica marks its running jobs alive
 * @param missedHeartbeats after this many missed heartbeats a job counts as dead and another replica retries it
 * @param watchInterval how often progress is written and cancellations and other replicas' results are read
 * @param shutdownGrace when the replica stops, how long running fits may still finish; then they are
 *                      handed back to the queue for another replica
 * @param instanceName this replica's name in {@code scheduled_tasks.picked_by}; default host, pid and a random suffix
 */
@ConfigurationProperties("scaleplan.fitting.jobs")
public record FitJobProperties(@DefaultValue("10s") Duration defaultWait,
                               @DefaultValue("60s") Duration maxWait,
                               @DefaultValue("16") int maxWaiting,
                               @DefaultValue("2s") Duration pollingInterval,
                               @DefaultValue("5s") Duration heartbeatInterval,
                               @DefaultValue("6") int missedHeartbeats,
                               @DefaultValue("250ms") Duration watchInterval,
                               @DefaultValue("20s") Duration shutdownGrace,
                               String instanceName) {
}
