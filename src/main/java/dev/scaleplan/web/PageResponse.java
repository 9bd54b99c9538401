package dev.scaleplan.web;

import java.util.List;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.media.Schema;

/** One page of a collection, with the totals a client needs to walk the rest. */
@Schema(description = "One page of a collection")
public record PageResponse<T>(
        @Schema(description = "The items on this page") List<T> content,
        @Schema(description = "0-based page index", example = "0") int page,
        @Schema(description = "Page size requested", example = "50") int size,
        @Schema(description = "Items in the whole collection", example = "240") long totalElements,
        @Schema(description = "Number of pages", example = "5") int totalPages) {

    public static <T> PageResponse<T> of(List<T> content, PageRequest request, long totalElements) {
        int totalPages = (int) Math.min(Integer.MAX_VALUE, (totalElements + request.size() - 1) / request.size());
        return new PageResponse<>(content, request.page(), request.size(), totalElements, totalPages);
    }

    public <R> PageResponse<R> map(Function<T, R> mapper) {
        return new PageResponse<>(content.stream().map(mapper).toList(), page, size, totalElements, totalPages);
    }
}
