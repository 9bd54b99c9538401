package dev.scaleplan.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DegeneratePlansTests {

    private static Allocation allocation(double parameters, double tokens) {
        return new Allocation(parameters, tokens, 6 * parameters * tokens, 2.5);
    }

    @Test
    void belowOneTokenPerParameterIsDegenerateUnlessTheCallerFixedTheAllocation() {
        Allocation tenthOfAToken = allocation(1e11, 1e10);

        assertThat(DegeneratePlans.reason(tenthOfAToken, false, List.of())).hasValueSatisfying(reason ->
                assertThat(reason).contains("0.100 tokens per parameter, below 1"));
        assertThat(DegeneratePlans.reason(tenthOfAToken, true, List.of())).isEmpty();
        assertThat(DegeneratePlans.reason(allocation(1e9, 2e10), false, List.of())).isEmpty();
    }

    @Test
    void aLawWithEOrAnExponentAtItsBoundIsDegenerateWhateverTheAllocation() {
        assertThat(DegeneratePlans.reason(allocation(1e9, 2e10), true, List.of("E", "beta")))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("the law's E and beta sit at the bound"));
    }
}
