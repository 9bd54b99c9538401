package dev.scaleplan.runs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Documents the tag filters of an operation that selects runs: {@code tag=NAME:VALUE} and {@code tag.NAME=VALUE},
 * read from the whole query string by {@link RunService#filter}, so no method parameter carries them.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(name = "tag", in = ParameterIn.QUERY, description = "Only runs with this tag, as NAME:VALUE (split at the "
        + "first colon); repeat for several", array = @ArraySchema(schema = @Schema(type = "string", example = "sweep:1")))
@Parameter(name = "tag.NAME", in = ParameterIn.QUERY, description = "Only runs whose tag NAME has exactly this value "
        + "(for names with a colon, or values with any character)", schema = @Schema(type = "string", example = "1"))
@interface TagFilterParameters {
}
