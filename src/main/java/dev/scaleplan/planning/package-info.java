/**
 * Pure planning maths: compute-optimal allocation, target loss, fixed model or data size,
 * inference-aware and data-constrained plans, hardware budgets, extrapolation warnings and
 * bootstrap intervals. Plain Java (plus Commons Math); nothing here knows about HTTP, JSON or SQL.
 */
package dev.scaleplan.planning;
