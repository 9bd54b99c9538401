package dev.scaleplan.plots;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.jfree.chart.JFreeChart;

/**
 * Bounds what drawing plots may hold at once, so that no number of plot requests can exhaust the
 * heap: at most {@code renders} charts are built and drawn at a time, and the PNG rasters being
 * drawn hold at most {@code pixelBudget} pixels together (4 bytes each: JFreeChart draws into an
 * ARGB image). A render beyond either bound is refused at once with {@link Busy} rather than
 * queued, so a flood of requests is answered quickly instead of piling up threads and memory.
 * SVG holds no raster; its size is bounded by the marks a chart draws ({@link RunSample}).
 */
public final class RenderSlots {

    /** Every render slot, or the pixel budget, is taken: retry shortly. */
    public static final class Busy extends RuntimeException {

        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private final int renders;
    private final int pixelBudget;
    private final Semaphore slots;
    private final Semaphore pixels;

    /**
     * @param renders      charts drawn at once (at least 1)
     * @param pixelBudget  pixels of the PNG images drawn at once; at least {@code largestImage}, so any
     *                     allowed image can be drawn when nothing else is
     * @param largestImage the pixels of the largest image a request may ask for
     */
    public RenderSlots(int renders, int pixelBudget, int largestImage) {
        if (renders < 1) {
            throw new IllegalArgumentException("renders must be at least 1: " + renders);
        }
        if (pixelBudget < largestImage) {
            throw new IllegalArgumentException("the pixel budget (" + pixelBudget + ") must hold the largest image ("
                    + largestImage + " pixels)");
        }
        this.renders = renders;
        this.pixelBudget = pixelBudget;
        this.slots = new Semaphore(renders);
        this.pixels = new Semaphore(pixelBudget);
    }

    /**
     * Builds and draws the chart within a slot (and, for PNG, within the pixel budget).
     *
     * @throws Busy when no slot, or not enough of the pixel budget, is free
     */
    public byte[] render(Supplier<JFreeChart> chart, int width, int height, PlotRendering.Format format) {
        int raster = format == PlotRendering.Format.PNG ? Math.multiplyExact(width, height) : 0;
        if (!slots.tryAcquire()) {
            throw new Busy("All " + renders + " plot rendering slots are busy");
        }
        try {
            if (!pixels.tryAcquire(raster)) {
                throw new Busy("The images being drawn hold the pixel budget (" + pixelBudget + " pixels)");
            }
            try {
                return PlotRendering.render(chart.get(), width, height, format);
            } finally {
                pixels.release(raster);
            }
        } finally {
            slots.release();
        }
    }

    /** Charts being drawn now. */
    public int rendering() {
        return renders - slots.availablePermits();
    }

    /** Pixels of the PNG images being drawn now. */
    public int pixelsInUse() {
        return pixelBudget - pixels.availablePermits();
    }
}
