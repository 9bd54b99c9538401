/**
 * Admission: the one place that decides whether an expensive request may start now. Per-key and
 * per-project rate limits (Bucket4j token buckets; 429 with {@code Retry-After} and the IETF
 * {@code RateLimit}/{@code RateLimit-Policy} headers), fit-job queue depth (429), and slots for
 * renders and expensive reads such as backtests (503 with {@code Retry-After}).
 */
package dev.scaleplan.admission;
