/**
 * Fit jobs: fit requests queued in PostgreSQL and executed once by any replica through db-scheduler,
 * with progress, cancellation, a bounded wait for the answer, and retry when a replica dies mid-job.
 * {@link dev.scaleplan.fits.FitService} still computes every fit.
 */
package dev.scaleplan.jobs;
