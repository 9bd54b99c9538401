package dev.scaleplan.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.web.context.request.async.DeferredResult;

/**
 * An answer computed later, without holding the request thread: the servlet's asynchronous support
 * writes it when {@code future} completes, on a container thread, through the same exception handlers
 * as a synchronous answer. A client that goes away, or the container's timeout, cancels the future, so
 * work kept only for this client can stop.
 */
public final class AsyncAnswer {

    private AsyncAnswer() {
    }

    /**
     * @param timeout when the container gives up on the request (503): longer than any deadline the
     *                future enforces itself, so that its own answer arrives first
     */
    public static <T> DeferredResult<T> of(CompletableFuture<T> future, Duration timeout) {
        DeferredResult<T> answer = new DeferredResult<>(timeout.toMillis());
        answer.onTimeout(() -> future.cancel(false));
        answer.onError(failure -> future.cancel(false));
        future.whenComplete((value, failure) -> {
            if (failure == null) {
                answer.setResult(value);
            } else {
                answer.setErrorResult(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        });
        return answer;
    }
}
