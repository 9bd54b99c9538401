package dev.scaleplan.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Thrown where an answer needs work that is still computing elsewhere (a fit's backtest): the request is
 * parked without its thread and asked again once {@code ready} completes ({@link ParkedRequests}). Asked
 * again, the same code finds the work done and answers; a failure of the work is the request's answer.
 *
 * @param ready   completes when the work is done; cancelled when the client goes away or gives up
 * @param timeout when the container gives up on the request (503): longer than any deadline
 *                {@code ready} enforces itself, so that its own answer arrives first
 */
public final class AnswerPending extends RuntimeException {

    private final transient CompletableFuture<?> ready;
    private final Duration timeout;

    public AnswerPending(CompletableFuture<?> ready, Duration timeout) {
        super("The answer waits for work still computing", null, false, false);
        this.ready = ready;
        this.timeout = timeout;
    }

    CompletableFuture<?> ready() {
        return ready;
    }

    Duration timeout() {
        return timeout;
    }
}
