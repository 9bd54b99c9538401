package dev.scaleplan.web;

/** Path prefixes of the public API. */
public final class ApiPaths {

    public static final String V1 = "/api/v1";

    private ApiPaths() {
    }
}
