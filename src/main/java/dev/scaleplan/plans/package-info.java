/** The plan resource: turns a budget or a target into an allocation with intervals, using a stored fit and the {@code planning} core. */
package dev.scaleplan.plans;
