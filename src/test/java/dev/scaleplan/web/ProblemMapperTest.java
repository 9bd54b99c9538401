package dev.scaleplan.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMapperTest {

    @Test
    void anApiExceptionAnywhereInTheCauseChainGivesItsTypeDetailAndErrors() {
        ApiException api = ApiException.invalidField("budget/flops", "must be positive");
        Problem problem = ProblemMapper.of(new IllegalStateException("wrapped", new RuntimeException(api)));

        assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION);
        assertThat(problem.detail()).isEqualTo(api.getMessage());
        assertThat(problem.errors()).isEqualTo(api.errors());
        assertThat(problem.retryAfterSeconds()).isNull();
    }

    @Test
    void everyServiceUnavailableAnswerCarriesRetryAfter() {
        assertThat(ProblemMapper.of(new QueryTimeoutException("slow")).headers().getFirst("Retry-After")).isEqualTo("5");
        assertThat(ProblemMapper.ofStatus(503).headers().getFirst("Retry-After")).isEqualTo("5");
        assertThat(Problem.of(ProblemType.SERVICE_UNAVAILABLE, "busy").toResponse(null).getHeaders()
                .getFirst("Retry-After")).isEqualTo("5");
        assertThat(ProblemMapper.ofStatus(404).headers().containsHeader("Retry-After")).isFalse();
    }

    @Test
    void aBareStatusMapsToItsType() {
        assertThat(ProblemMapper.ofStatus(401).type()).isEqualTo(ProblemType.UNAUTHORIZED);
        assertThat(ProblemMapper.ofStatus(418).type()).isEqualTo(ProblemType.BAD_REQUEST);
        assertThat(ProblemMapper.ofStatus(505).type()).isEqualTo(ProblemType.INTERNAL);
    }

    @Test
    void membersAreValidJsonWhateverTheDetailHolds() {
        Problem problem = Problem.of(ProblemType.BAD_REQUEST, "a \"quoted\" \\ detail\n", List.of(),
                Map.of("reason", "x"));
        JsonNode body = JsonMapper.builder().build().readTree(JsonMapper.builder().build()
                .writeValueAsString(problem.members()));

        assertThat(body.get("detail").asString()).isEqualTo("a \"quoted\" \\ detail\n");
        assertThat(body.get("type").asString()).isEqualTo("https://scaleplan.dev/problems/bad-request");
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("reason").asString()).isEqualTo("x");
    }
}
