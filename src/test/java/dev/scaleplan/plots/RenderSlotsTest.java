package dev.scaleplan.plots;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RenderSlotsTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch open = new CountDownLatch(1);

    @AfterEach
    void stop() {
        open.countDown();
        threads.shutdownNow();
    }

    private CompletableFuture<byte[]> blocked(RenderSlots slots, int width, int height, PlotRendering.Format format) {
        return CompletableFuture.supplyAsync(() -> slots.render(() -> {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new JFreeChart(new XYPlot());
        }, width, height, format), threads);
    }

    @Test
    void refusesARenderBeyondTheSlotsAtOnceAndServesAgainWhenOneFrees() {
        RenderSlots slots = new RenderSlots(2, 1_000_000, 1_000_000);
        CompletableFuture<byte[]> first = blocked(slots, 320, 240, PlotRendering.Format.SVG);
        CompletableFuture<byte[]> second = blocked(slots, 320, 240, PlotRendering.Format.SVG);
        await().until(() -> slots.rendering() == 2);

        assertThatThrownBy(() -> slots.render(() -> new JFreeChart(new XYPlot()), 320, 240, PlotRendering.Format.SVG))
                .isInstanceOf(RenderSlots.Busy.class).hasMessageContaining("2 plot rendering slots");

        open.countDown();
        assertThat(first.join()).isNotEmpty();
        assertThat(second.join()).isNotEmpty();
        assertThat(slots.rendering()).isZero();
        assertThat(slots.render(() -> new JFreeChart(new XYPlot()), 320, 240, PlotRendering.Format.PNG)).isNotEmpty();
    }

    @Test
    void pngRastersShareThePixelBudgetWhileSvgNeedsOnlyASlot() {
        RenderSlots slots = new RenderSlots(4, 200_000, 100_000);
        blocked(slots, 400, 250, PlotRendering.Format.PNG);
        blocked(slots, 400, 250, PlotRendering.Format.PNG);
        await().until(() -> slots.pixelsInUse() == 200_000);

        assertThatThrownBy(() -> slots.render(() -> new JFreeChart(new XYPlot()), 320, 240, PlotRendering.Format.PNG))
                .isInstanceOf(RenderSlots.Busy.class).hasMessageContaining("pixel budget");
        assertThat(slots.rendering()).as("the refused render gave its slot back").isEqualTo(2);
        assertThat(slots.render(() -> new JFreeChart(new XYPlot()), 320, 240, PlotRendering.Format.SVG)).isNotEmpty();
    }

    @Test
    void aFailingChartGivesBackItsSlotAndPixels() {
        RenderSlots slots = new RenderSlots(1, 100_000, 100_000);
        assertThatThrownBy(() -> slots.render(() -> {
            throw new IllegalStateException("no data");
        }, 320, 240, PlotRendering.Format.PNG)).isInstanceOf(IllegalStateException.class);
        assertThat(slots.rendering()).isZero();
        assertThat(slots.pixelsInUse()).isZero();
    }

    @Test
    void aBudgetThatCannotHoldTheLargestImageIsRefused() {
        assertThatThrownBy(() -> new RenderSlots(4, 1_000, 6_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RenderSlots(0, 6_000_000, 6_000_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
