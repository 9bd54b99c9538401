package dev.scaleplan.web;

import dev.scaleplan.plots.RenderSlots;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one guard every plot renders through ({@link PlotLimits}), with its occupancy as gauges. */
@Configuration(proxyBeanMethods = false)
class PlotRenderingConfig {

    @Bean
    RenderSlots renderSlots(PlotLimits limits, MeterRegistry meters) {
        RenderSlots slots = new RenderSlots(limits.concurrentRenders(), limits.pixelBudget(), PlotLimits.LARGEST_IMAGE);
        Gauge.builder("scaleplan.plots.rendering", slots, RenderSlots::rendering)
                .description("Plots being drawn now").register(meters);
        Gauge.builder("scaleplan.plots.raster.pixels", slots, RenderSlots::pixelsInUse)
                .description("Pixels of the PNG images being drawn now").baseUnit("pixels").register(meters);
        return slots;
    }
}
