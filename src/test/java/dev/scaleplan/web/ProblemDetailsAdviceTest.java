package dev.scaleplan.web;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void commitFailingBecauseTheConnectionDiedIsA503WithRetryAfter() {
        var failure = new TransactionSystemException("Could not commit JDBC transaction",
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE));
        ResponseEntity<Object> response = advice.failure(failure);
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    }

    @Test
    void transactionThatCannotStartForLackOfAConnectionIsA503() {
        var failure = new CannotCreateTransactionException("no connection", new SQLException("timeout", "08001"));
        assertThat(advice.failure(failure).getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void anOutageWrappedInAnyOtherExceptionIsStillA503() {
        var failure = new IllegalStateException(new PSQLException("terminating connection", PSQLState.valueOf("CONNECTION_FAILURE")));
        assertThat(advice.failure(failure).getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void otherTransactionFailuresStay500() {
        var failure = new TransactionSystemException("bug", new IllegalArgumentException("x"));
        assertThat(advice.failure(failure).getStatusCode().value()).isEqualTo(500);
    }
}
