package dev.scaleplan.runs;

/** A dataset the project's runs name, and how many runs name it. */
public record DatasetRuns(String dataset, long runs) {
}
