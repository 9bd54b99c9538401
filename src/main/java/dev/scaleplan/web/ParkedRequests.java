package dev.scaleplan.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * No request thread waits for a backtest: a controller whose answer throws {@link AnswerPending} is
 * parked through the servlet's asynchronous support ({@link AsyncAnswer}), and its method is called again with the same
 * arguments (the body already read) once the work is ready, off the request threads. The answer then
 * goes out as a synchronous one would, through the same exception handlers; a client that leaves, or
 * the timeout, cancels its interest in the work.
 */
@Component
class ParkedRequests implements WebMvcRegistrations {

    private final Executor askAgain;

    ParkedRequests(@Qualifier("applicationTaskExecutor") Executor askAgain) {
        this.askAgain = askAgain;
    }

    @Override
    public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
        return new RequestMappingHandlerAdapter() {
            @Override
            protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod handlerMethod) {
                return new Parkable(handlerMethod);
            }
        };
    }

    /** What the handler was called with when its answer turned out to be pending. */
    private static final class Parked extends RuntimeException {
        final transient AnswerPending pending;
        final transient Object[] args;

        Parked(AnswerPending pending, Object[] args) {
            super(null, null, false, false);
            this.pending = pending;
            this.args = args;
        }
    }

    private final class Parkable extends ServletInvocableHandlerMethod {

        Parkable(HandlerMethod handlerMethod) {
            super(handlerMethod);
        }

        @Override
        protected Object doInvoke(Object... args) throws Exception {
            try {
                return super.doInvoke(args);
            } catch (AnswerPending pending) {
                throw new Parked(pending, args);
            }
        }

        @Override
        public void invokeAndHandle(ServletWebRequest request, ModelAndViewContainer container, Object... provided)
                throws Exception {
            try {
                super.invokeAndHandle(request, container, provided);
            } catch (Parked parked) {
                CompletableFuture<Object> answer = new CompletableFuture<>();
                AtomicReference<CompletableFuture<?>> awaited = new AtomicReference<>();
                // Cancelled by AsyncAnswer when the client leaves or the timeout passes: stop waiting for the work.
                answer.whenComplete((value, failure) -> {
                    if (answer.isCancelled()) {
                        awaited.get().cancel(false);
                    }
                });
                whenReady(parked.pending, parked.args, answer, awaited);
                WebAsyncUtils.getAsyncManager(request).startDeferredResultProcessing(
                        AsyncAnswer.of(answer, parked.pending.timeout()), container);
            }
        }

        private void whenReady(AnswerPending pending, Object[] args, CompletableFuture<Object> answer,
                               AtomicReference<CompletableFuture<?>> awaited) {
            awaited.set(pending.ready());
            pending.ready().whenCompleteAsync((ignored, failure) -> {
                if (answer.isDone()) {
                    return;
                }
                if (failure != null) {
                    answer.completeExceptionally(failure);
                    return;
                }
                try {
                    answer.complete(super.doInvoke(args));
                } catch (AnswerPending again) { // the work was outdated meanwhile (new runs): wait for the next
                    whenReady(again, args, answer, awaited);
                } catch (Exception e) {
                    answer.completeExceptionally(e);
                }
            }, askAgain);
        }
    }
}
