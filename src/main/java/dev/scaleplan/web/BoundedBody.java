package dev.scaleplan.web;

import java.io.IOException;
import java.util.function.LongSupplier;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body that fails with 413 as soon as more than {@code limit} bytes arrive and with 408
 * once reading it has taken longer than {@code timeoutNanos}, and knows whether it was read to the end.
 */
final class BoundedBody extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private long read;
    private boolean started;
    private long startedAt;
    private boolean finished;

    BoundedBody(ServletInputStream in, long limit, long timeoutNanos) {
        this(in, limit, timeoutNanos, System::nanoTime);
    }

    /** With the clock the timeout is measured on (tests pass a fake one). */
    BoundedBody(ServletInputStream in, long limit, long timeoutNanos, LongSupplier nanoClock) {
        this.in = in;
        this.limit = limit;
        this.timeoutNanos = timeoutNanos;
        this.nanoClock = nanoClock;
    }

    @Override
    public int read() throws IOException {
        started();
        int b = in.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        started();
        int n = in.read(buffer, offset, length);
        count(n);
        return n;
    }

    private void started() {
        if (!started) {
            started = true;
            startedAt = nanoClock.getAsLong();
        }
    }

    private void count(int n) {
        if (n < 0) {
            finished = true;
            return;
        }
        read += n;
        if (read > limit) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body exceeds the limit of " + limit + " bytes for this endpoint");
        }
        if (nanoClock.getAsLong() - startedAt > timeoutNanos) {
            throw new ApiException(ProblemType.REQUEST_TIMEOUT, "The request body arrived too slowly; it must be sent "
                    + "within " + (timeoutNanos / 1_000_000_000) + " s");
        }
    }

    /** Whether the client's body was read to its end. */
    boolean finished() {
        return finished || in.isFinished();
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
