package dev.scaleplan.support;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * MockMvc answers an asynchronous request (such as {@code POST /fits?wait=}) as an HTTP client sees it:
 * {@code perform} returns once the answer is written, not when the request thread is released. Without
 * this every test would need MockMvc's {@code asyncDispatch}; with it, the same assertions hold whether
 * a controller answers at once or later. Tests that go through the real server need nothing.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AsyncAnswers {

    /** Longer than any wait a test asks for (at most 60 s) plus the time to read the answer. */
    private static final long MAX_WAIT_SECONDS = 120;

    @Bean
    MockMvcBuilderCustomizer answerAsyncRequests() {
        AtomicReference<HttpServlet> dispatcher = new AtomicReference<>();
        return builder -> builder.addDispatcherServletCustomizer(dispatcher::set)
                .addFilters(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        chain.doFilter(request, response);
                        if (request.isAsyncStarted()) {
                            dispatchWhenAnswered(request, dispatcher.get());
                        }
                    }
                });
    }

    /** What {@code MockMvcRequestBuilders.asyncDispatch} does, once the asynchronous result is there. */
    private static void dispatchWhenAnswered(HttpServletRequest request, HttpServlet dispatcher)
            throws ServletException, IOException {
        MockAsyncContext context = (MockAsyncContext) request.getAsyncContext();
        CountDownLatch answered = new CountDownLatch(1);
        context.addDispatchHandler(answered::countDown);
        try {
            if (!answered.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("No asynchronous answer within " + MAX_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        MockHttpServletRequest mock = WebUtils.getNativeRequest(request, MockHttpServletRequest.class);
        mock.setDispatcherType(DispatcherType.ASYNC);
        mock.setAsyncStarted(false);
        dispatcher.service(mock, context.getResponse());
    }
}
