package dev.scaleplan.web;

/** A validated 0-based page request. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 1000;

    public PageRequest {
        if (page < 0) {
            throw ApiException.invalidParameter("page", "must be ≥ 0");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.invalidParameter("size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw ApiException.invalidParameter("page", "is too large");
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
