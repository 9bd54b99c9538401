/** The accelerator catalogue, served read-only; the figures live in {@code planning.AcceleratorCatalogue}. */
package dev.scaleplan.accelerators;
