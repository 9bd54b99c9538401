package dev.scaleplan.web;

import dev.scaleplan.plots.RenderSlots;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What plot rendering may hold at once on one replica ({@link RenderSlots}); beyond it a plot is
 * answered 503 with {@code Retry-After}. Validated at start-up.
 *
 * @param concurrentRenders charts drawn at once (1 to 64)
 * @param pixelBudget       pixels of the PNG images drawn at once, 4 bytes each: at least the largest
 *                          image ({@value PlotResponses#MAX_WIDTH} × {@value PlotResponses#MAX_HEIGHT}); the
 *                          default, 12 million, is two of those or 23 of the default 900 × 560 (48 MB)
 */
@Validated
@ConfigurationProperties("scaleplan.plots")
public record PlotLimits(@DefaultValue("4") @Min(1) @Max(64) int concurrentRenders,
                         @DefaultValue("12000000") @Max(500_000_000) int pixelBudget) {

    static final int LARGEST_IMAGE = PlotResponses.MAX_WIDTH * PlotResponses.MAX_HEIGHT;

    @AssertTrue(message = "pixel-budget must hold the largest image (3000 × 2000 = 6000000 pixels)")
    public boolean isPixelBudgetLargeEnough() {
        return pixelBudget >= LARGEST_IMAGE;
    }
}
