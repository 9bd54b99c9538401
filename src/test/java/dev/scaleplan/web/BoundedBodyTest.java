package dev.scaleplan.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BoundedBodyTest {

    /** A fake clock in nanoseconds that a trickling body advances. */
    private final AtomicLong clock = new AtomicLong(1_000);

    /** A client body that delivers one byte per read, {@code delayMillis} apart on {@link #clock}. */
    private ServletInputStream trickle(int bytes, long delayMillis) {
        ByteArrayInputStream data = new ByteArrayInputStream(new byte[bytes]);
        return new ServletInputStream() {
            @Override
            public int read() throws IOException {
                clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(delayMillis));
                return data.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(delayMillis));
                return data.read(buffer, offset, Math.min(1, length));
            }

            @Override
            public boolean isFinished() {
                return data.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }
        };
    }

    @Test
    void aBodyThatTricklesInIsCutOffWith408() {
        BoundedBody body = new BoundedBody(trickle(1_000, 20), Long.MAX_VALUE, TimeUnit.MILLISECONDS.toNanos(200), clock::get);
        ApiException e = catchThrowableOfType(ApiException.class, () -> body.readAllBytes());
        assertThat(e.type()).isEqualTo(ProblemType.REQUEST_TIMEOUT);
    }

    @Test
    void aBodyBeyondTheLimitIs413AsSoonAsItPassesIt() throws IOException {
        BoundedBody body = new BoundedBody(trickle(100, 0), 10, Long.MAX_VALUE, clock::get);
        byte[] buffer = new byte[10];
        assertThat(body.readNBytes(buffer, 0, 10)).isEqualTo(10);
        ApiException e = catchThrowableOfType(ApiException.class, body::read);
        assertThat(e.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE);
    }

    @Test
    void knowsWhenTheBodyWasReadToTheEnd() throws IOException {
        BoundedBody body = new BoundedBody(trickle(3, 0), 10, Long.MAX_VALUE, clock::get);
        assertThat(body.finished()).isFalse();
        body.readAllBytes();
        assertThat(body.finished()).isTrue();
    }
}
