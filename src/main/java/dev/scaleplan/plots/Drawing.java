package dev.scaleplan.plots;

import java.util.function.Supplier;

/**
 * A plot ready to render: {@code version} changes whenever the image would (a server uses it as
 * an entity tag, to answer "not modified" without drawing), {@code render} draws it.
 */
public record Drawing(String version, Supplier<byte[]> render) {
}
