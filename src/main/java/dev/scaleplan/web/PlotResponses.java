package dev.scaleplan.web;

import java.util.List;

import dev.scaleplan.plots.Drawing;
import dev.scaleplan.plots.PlotRendering;
import dev.scaleplan.plots.RenderSlots;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

/**
 * How plots go over HTTP: SVG by default, PNG when the client prefers it, sizes within limits,
 * an ETag from the drawing's version with 304 for a matching {@code If-None-Match}.
 */
public final class PlotResponses {

    public static final String SVG = "image/svg+xml";
    public static final int MIN_WIDTH = 320;
    public static final int MAX_WIDTH = 3000;
    public static final int MIN_HEIGHT = 240;
    public static final int MAX_HEIGHT = 2000;
    private static final MediaType SVG_TYPE = MediaType.parseMediaType(SVG);

    private PlotResponses() {
    }

    /** The image format to answer with: the first of SVG or PNG the {@code Accept} header allows, by quality. */
    public static PlotRendering.Format negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return PlotRendering.Format.SVG;
        }
        List<MediaType> acceptable;
        try {
            acceptable = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new ApiException(ProblemType.NOT_ACCEPTABLE, "The Accept header could not be read");
        }
        List<MediaType> byQuality = new java.util.ArrayList<>(acceptable);
        byQuality.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : byQuality) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.includes(SVG_TYPE)) {
                return PlotRendering.Format.SVG;
            }
            if (type.includes(MediaType.IMAGE_PNG)) {
                return PlotRendering.Format.PNG;
            }
        }
        throw new ApiException(ProblemType.NOT_ACCEPTABLE, "Plots are served as " + SVG + " or image/png");
    }

    /** Draws a plot at a size and in a format. */
    @FunctionalInterface
    public interface Plot {
        Drawing draw(int width, int height, PlotRendering.Format format);
    }

    /**
     * The answer to a plot request: the format negotiated from {@code accept}, the size checked against its
     * limits ({@code defaultWidth} × {@code defaultHeight} when absent), then the drawing {@link #respond answered}.
     */
    public static ResponseEntity<byte[]> answer(WebRequest request, String accept, Integer width, Integer height,
                                                int defaultWidth, int defaultHeight, Plot plot, CacheControl cache) {
        PlotRendering.Format format = negotiate(accept);
        int w = size("width", width, defaultWidth, MIN_WIDTH, MAX_WIDTH);
        int h = size("height", height, defaultHeight, MIN_HEIGHT, MAX_HEIGHT);
        return respond(request, plot.draw(w, h, format), format, cache);
    }

    /** A width or height within its limits, or the default when absent. */
    public static int size(String name, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw ApiException.invalidParameter(name, "must be between " + min + " and " + max + " pixels");
        }
        return value;
    }

    /** The image, or a 503 (with {@code Retry-After}) when the renders under way hold every slot or the pixel budget. */
    private static byte[] rendered(Drawing drawing) {
        try {
            return drawing.render().get();
        } catch (RenderSlots.Busy busy) {
            throw new ApiException(ProblemType.SERVICE_UNAVAILABLE, busy.getMessage() + "; retry in a few seconds");
        }
    }

    /**
     * 304 when the client holds this version, else the image with its ETag, the cache policy and
     * {@code Vary: Accept} (the same URL answers SVG or PNG).
     */
    public static ResponseEntity<byte[]> respond(WebRequest request, Drawing drawing, PlotRendering.Format format,
                                                 CacheControl cache) {
        String etag = "\"" + drawing.version() + "-" + format.name().toLowerCase() + "\"";
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(cache).header(HttpHeaders.VARY, "Accept").build();
        }
        MediaType type = format == PlotRendering.Format.SVG ? SVG_TYPE : MediaType.IMAGE_PNG;
        return ResponseEntity.ok().contentType(type).eTag(etag).cacheControl(cache)
                .header(HttpHeaders.VARY, "Accept").body(rendered(drawing));
    }
}
