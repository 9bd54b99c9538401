package dev.scaleplan.web;

import java.util.regex.Pattern;

/**
 * The one rule for the names of tags, metrics and aggregates: what a run's upload stores, a CSV header
 * column carries after {@code tag.} or {@code metric.}, and a question ({@code metrics=}, a fit's
 * {@code target}, a plan's metric target) asks for.
 */
public final class Names {

    /** For {@code @Pattern} on request fields, so the OpenAPI document states it too. */
    public static final String PATTERN = "[A-Za-z0-9_.:-]{1,64}";
    public static final String NOT_A_METRIC = "must be a metric name (" + PATTERN + ")";

    private static final Pattern NAME = Pattern.compile(PATTERN);

    private Names() {
    }

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
