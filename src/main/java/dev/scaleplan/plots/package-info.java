/**
 * Draws fits and plans as images with JFreeChart (SVG through JFreeSVG, or PNG): loss against
 * compute, the IsoFLOP view, residuals and a plan's strategies side by side. Takes plain records
 * and returns bytes; no HTTP, no SQL. Every drawn run is an SVG group with {@code class="run"}.
 */
package dev.scaleplan.plots;
