/**
 * Pure numerics for fitting neural scaling laws: law forms, the robust (Huber) objective on log
 * loss, a multi-start Levenberg–Marquardt optimiser, the bootstrap and fit diagnostics.
 * Plain Java and Commons Math only; no framework, HTTP, JSON or SQL.
 */
package dev.scaleplan.fitting;
