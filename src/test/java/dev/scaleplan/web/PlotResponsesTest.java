package dev.scaleplan.web;

import dev.scaleplan.plots.PlotRendering.Format;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlotResponsesTest {

    @Test
    void answersSvgUnlessPngIsPreferred() {
        assertThat(PlotResponses.negotiate(null)).isEqualTo(Format.SVG);
        assertThat(PlotResponses.negotiate("*/*")).isEqualTo(Format.SVG);
        assertThat(PlotResponses.negotiate("image/*")).isEqualTo(Format.SVG);
        assertThat(PlotResponses.negotiate("image/png")).isEqualTo(Format.PNG);
        assertThat(PlotResponses.negotiate("image/png;q=0.5, image/svg+xml")).isEqualTo(Format.SVG);
        assertThat(PlotResponses.negotiate("image/svg+xml;q=0, image/png;q=0.3")).isEqualTo(Format.PNG);
    }

    @Test
    void refusesTypesItCannotDraw() {
        assertThatThrownBy(() -> PlotResponses.negotiate("application/json"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.NOT_ACCEPTABLE));
        assertThatThrownBy(() -> PlotResponses.negotiate("not a type"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.NOT_ACCEPTABLE));
    }

    @Test
    void keepsSizesWithinLimits() {
        assertThat(PlotResponses.size("width", null, 900, 320, 3000)).isEqualTo(900);
        assertThat(PlotResponses.size("width", 320, 900, 320, 3000)).isEqualTo(320);
        assertThatThrownBy(() -> PlotResponses.size("width", 319, 900, 320, 3000))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).hasSize(1));
    }
}
