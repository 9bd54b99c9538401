package dev.scaleplan.admission;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * How many fit jobs may wait: {@code scaleplan.admission.queue.per-key} per API key over all projects,
 * {@code per-project} per project over all keys. A job beyond either is refused with 429 and
 * {@code Retry-After}, so that one client cannot fill the queue in front of everyone else.
 */
@Component
public class QueueDepth {

    private final AdmissionProperties properties;
    private final MeterRegistry meters;

    QueueDepth(AdmissionProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Admits one more queued job, or refuses it.
     *
     * @param keyId the API key queuing it, null without a key
     * @param queuedByKey the key's jobs already queued
     * @param queuedInProject the project's jobs already queued
     */
    public void admit(Long keyId, long queuedByKey, long queuedInProject) {
        AdmissionProperties.Queue queue = properties.queue();
        if (keyId != null && queuedByKey >= queue.perKey()) {
            throw refused("key", "This API key already has " + queuedByKey + " fit jobs queued, the most allowed ("
                    + "scaleplan.admission.queue.per-key); wait for some to start, or cancel them", queue.perKey());
        }
        if (queuedInProject >= queue.perProject()) {
            throw refused("project", "This project already has " + queuedInProject + " fit jobs queued, the most "
                    + "allowed (scaleplan.admission.queue.per-project); wait for some to start, or cancel them with "
                    + "DELETE …/fit-jobs?status=queued", queue.perProject());
        }
    }

    private AdmissionRefused refused(String scope, String detail, int limit) {
        Counter.builder("scaleplan.requests.refused").description("Requests refused by admission")
                .tag("operation", Operation.FITS.id()).tag("reason", scope + "-queue-full").register(meters).increment();
        return AdmissionRefused.tooMany(detail, properties.queue().retryAfter(), new HttpHeaders(),
                Map.of("limit", "queue-" + scope, "queued", limit));
    }
}
