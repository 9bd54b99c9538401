package dev.scaleplan.plans;

import java.util.Optional;

import dev.scaleplan.fitting.FlopsConvention;
import dev.scaleplan.fitting.LogLogInterpolation;
import dev.scaleplan.fitting.ParameterCount;
import dev.scaleplan.fitting.TrainingFlops;
import dev.scaleplan.planning.ParameterConversion;
import dev.scaleplan.projects.CountingConventions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class PlanConventionsTest {

    private static final CountingConventions TOTAL_SIX_N =
            new CountingConventions(ParameterCount.TOTAL, FlopsConvention.SIX_N, 6);

    @Test
    void withoutEmbeddingCountsOnlyTheDeclaredCountIsGiven() {
        PlanConventions conventions = PlanConventions.of(TOTAL_SIX_N, TrainingFlops.linear(6), Optional.empty(), 7e10);

        assertThat(conventions.total()).isEqualTo(7e10);
        assertThat(conventions.nonEmbedding()).isNull();
        assertThat(conventions.parameterCount()).isEqualTo("total");
        assertThat(conventions.flopsConvention()).isEqualTo("6N");
        assertThat(conventions.conversionRange()).isNull();
        assertThat(conventions.flopsPerTokenRange()).isNull();
        assertThat(PlanConventions.warnings(TOTAL_SIX_N, TrainingFlops.linear(6), Optional.empty(), 7e10)).isEmpty();
    }

    @Test
    void aNonEmbeddingPlanGivesTheTotalFromTheRunsAndWarnsBeyondThem() {
        CountingConventions nonEmbedding =
                new CountingConventions(ParameterCount.NON_EMBEDDING, FlopsConvention.GIVEN, 6);
        ParameterConversion conversion = ParameterConversion.fromRuns(ParameterCount.NON_EMBEDDING,
                new double[] {1e8, 1e9}, new double[] {5e7, 1e8}).orElseThrow();
        TrainingFlops compute = TrainingFlops.interpolated(0,
                LogLogInterpolation.through(new double[] {1e8, 1e9}, new double[] {9e8, 6.6e9}));

        PlanConventions inside = PlanConventions.of(nonEmbedding, compute, Optional.of(conversion), 1e9);
        assertThat(inside.nonEmbedding()).isEqualTo(1e9);
        assertThat(inside.total()).isCloseTo(1.1e9, withinPercentage(1e-9));
        assertThat(inside.conversionRange()).isEqualTo(new PlanConventions.SizeRange(1e8, 1e9));
        assertThat(inside.flopsPerTokenRange()).isEqualTo(new PlanConventions.SizeRange(1e8, 1e9));
        assertThat(PlanConventions.warnings(nonEmbedding, compute, Optional.of(conversion), 1e9)).isEmpty();

        assertThat(PlanConventions.warnings(nonEmbedding, compute, Optional.of(conversion), 1e11))
                .hasSize(2).anySatisfy(w -> assertThat(w).contains("FLOPs per token at N = 1.00e+11"))
                .anySatisfy(w -> assertThat(w).contains("total count of N = 1.00e+11 is extrapolated"));
    }
}
