package dev.scaleplan.runs;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.scaleplan.web.Names;
import dev.scaleplan.web.WellFormedText;

/**
 * Gathers the fields of one uploaded row, whatever the format, and checks them against
 * {@link RunLimits}. Type errors are reported by the format readers; range and presence
 * errors here, once per field. Tags and metrics beyond the per-run limit are counted, not kept,
 * so a row with thousands of them costs no more memory than one with 64.
 */
final class RunRow {

    final int row;
    private final UploadErrors errors;
    private final Set<String> failed = new HashSet<>();
    String externalId;
    Double parameters;
    Double tokens;
    Double loss;
    Double flops;
    Double activeParameters;
    Long experts;
    Double totalParameters;
    Double uniqueTokens;
    String dataset;
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, Double> metrics = new LinkedHashMap<>();
    Double learningRate;
    Long batchSize;
    Double embeddingParameters;
    Long layers;
    Long contextLength;
    Long width;
    private int tagsSeen;
    private int metricsSeen;
    private boolean rejected;

    RunRow(int row, UploadErrors errors) {
        this.row = row;
        this.errors = errors;
    }

    /** The row as a whole is unusable (not an object, wrong field count): no per-field checks follow. */
    void reject(String message) {
        rejected = true;
        error("", message);
    }

    void error(String field, String message) {
        if (failed.size() < RunLimits.MAX_REPORTED_ERRORS) {
            failed.add(field);
        }
        errors.add(row, field, message);
    }

    void tag(String name, String value) {
        String field = namedEntry("tags", "tag", ++tagsSeen, RunLimits.MAX_ENTRIES, name);
        if (field == null) {
            return;
        }
        if (value.length() > RunLimits.MAX_TAG_VALUE || !WellFormedText.Validator.wellFormed(value)) {
            error(field, "must be at most " + RunLimits.MAX_TAG_VALUE + " characters without NUL");
        } else {
            tags.put(name, value);
        }
    }

    void metric(String name, double value) {
        String field = namedEntry("metrics", "metric", ++metricsSeen, RunLimits.MAX_METRICS, name);
        if (field == null) {
            return;
        }
        if (!Double.isFinite(value) || (value != 0 && Math.abs(value) < RunLimits.MIN_METRIC_MAGNITUDE)) {
            error(field, "must be a finite number, 0 or of magnitude ≥ " + RunLimits.MIN_METRIC_MAGNITUDE);
        } else {
            metrics.put(name, value);
        }
    }

    /**
     * The field that names the {@code seen}-th entry of a tag or metric map in errors, or null when the entry is
     * not kept: beyond {@code max} (reported once per row) or with a name outside {@link Names#PATTERN}.
     */
    private String namedEntry(String map, String kind, int seen, int max, String name) {
        if (seen > max) {
            if (seen == max + 1) {
                error(map, "at most " + max + " " + map);
            }
            return null;
        }
        String field = map + "." + RunReaders.abbreviate(name);
        if (!Names.valid(name)) {
            error(field, kind + " names must match " + Names.PATTERN);
            return null;
        }
        return field;
    }

    /** Tag and metric entries this row keeps. */
    int entries() {
        return tags.size() + metrics.size();
    }

    /** Validates ranges and presence; returns null when this row had any error. */
    RunInput build() {
        if (rejected) {
            return null;
        }
        require("parameters", parameters, RunLimits.MIN_PARAMETERS, RunLimits.MAX_PARAMETERS);
        require("tokens", tokens, RunLimits.MIN_TOKENS, RunLimits.MAX_TOKENS);
        require("loss", loss, RunLimits.MIN_LOSS, RunLimits.MAX_LOSS);
        optional("flops", flops, RunLimits.MIN_FLOPS, RunLimits.MAX_FLOPS);
        optional("activeParameters", activeParameters, RunLimits.MIN_PARAMETERS, RunLimits.MAX_PARAMETERS);
        optional("uniqueTokens", uniqueTokens, RunLimits.MIN_TOKENS, RunLimits.MAX_TOKENS);
        optional("learningRate", learningRate, RunLimits.MIN_LEARNING_RATE, RunLimits.MAX_LEARNING_RATE);
        if (activeParameters != null && parameters != null && activeParameters > parameters) {
            error("activeParameters", "must not exceed parameters");
        }
        optional("totalParameters", totalParameters, RunLimits.MIN_PARAMETERS, RunLimits.MAX_PARAMETERS);
        if (experts != null && (experts < 1 || experts > RunLimits.MAX_EXPERTS)) {
            error("experts", "must be an integer between 1 and " + RunLimits.MAX_EXPERTS);
        }
        if (totalParameters != null && parameters != null && totalParameters < parameters) {
            error("totalParameters", "must be at least parameters (the active count), got " + totalParameters
                    + " < " + parameters);
        }
        // Below parameters when the project counts total parameters: RunService knows the project's count.
        optional("embeddingParameters", embeddingParameters, RunLimits.MIN_PARAMETERS, RunLimits.MAX_PARAMETERS);
        if (batchSize != null && (batchSize < 1 || batchSize > RunLimits.MAX_BATCH_SIZE)) {
            error("batchSize", "must be an integer between 1 and " + RunLimits.MAX_BATCH_SIZE);
        }
        externalId = text("externalId", externalId);
        dataset = text("dataset", dataset);
        if (!failed.isEmpty()) {
            return null;
        }
        return new RunInput(externalId, parameters, tokens, loss, flops, activeParameters, uniqueTokens, dataset,
                Map.copyOf(tags), Map.copyOf(metrics), learningRate, batchSize, experts == null ? 1L : experts,
                totalParameters == null ? parameters : totalParameters, embeddingParameters, layers, contextLength, width);
    }

    private void require(String field, Double value, double min, double max) {
        if (value == null) {
            if (!failed.contains(field)) {
                error(field, "is required");
            }
            return;
        }
        optional(field, value, min, max);
    }

    private void optional(String field, Double value, double min, double max) {
        if (value != null && !(value >= min && value <= max)) {
            error(field, RunLimits.describeRange(min, max) + " (got " + value + ")");
        }
    }

    private String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > RunLimits.MAX_TEXT || value.chars().anyMatch(Character::isISOControl)
                || !WellFormedText.Validator.wellFormed(value)) {
            error(field, "must be at most " + RunLimits.MAX_TEXT + " characters without control characters");
        }
        return value;
    }
}
