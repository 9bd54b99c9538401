package dev.scaleplan.runs;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.JsonProblems;
import dev.scaleplan.web.ProblemError;
import dev.scaleplan.web.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON array of runs from a stream, token by token: no run, tag map or metric map is ever
 * held as a whole tree, so a hostile element costs no more memory than a valid one. The mapper is
 * the strict request mapper: a repeated key is an error.
 */
final class JsonRunReader {

    private static final Pattern ROW_FIELD = Pattern.compile("/(\\d{1,9})/(.+)");

    private final JsonMapper mapper;

    JsonRunReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    List<RunInput> read(InputStream body, int maxRows) {
        RunReaders.Batch batch = new RunReaders.Batch(maxRows);
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new ApiException(ProblemType.MALFORMED_BODY, "The body must be a JSON array of runs");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new ApiException(ProblemType.MALFORMED_BODY, "The JSON array of runs is not closed");
                }
                RunRow row = batch.next();
                if (token == JsonToken.START_OBJECT) {
                    fill(row, parser);
                } else {
                    parser.skipChildren();
                    row.reject("each run must be a JSON object");
                }
                batch.add(row);
            }
            if (parser.nextToken() != null) {
                throw new ApiException(ProblemType.MALFORMED_BODY, "Unexpected content after the JSON array of runs");
            }
        } catch (JacksonException e) {
            throw new ApiException(ProblemType.MALFORMED_BODY, JsonProblems.detail(e), rowErrors(JsonProblems.error(e)),
                    Map.of());
        }
        return batch.finish();
    }

    /** An error at /i/field is in run i of the array (0-based): stated as the upload's 1-based row, as row errors are. */
    private static List<ProblemError> rowErrors(ProblemError error) {
        if (error == null) {
            return List.of();
        }
        Matcher inRow = ROW_FIELD.matcher(error.pointer());
        return List.of(inRow.matches() ? ProblemError.row(Integer.parseInt(inRow.group(1)) + 1,
                inRow.group(2).replace('/', '.'), error.message()) : error);
    }

    /** Reads one run object; the parser stands on its START_OBJECT and ends on its END_OBJECT. */
    private static void fill(RunRow row, JsonParser parser) {
        for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "externalId" -> row.externalId = text(row, field, parser, value);
                case "dataset" -> row.dataset = text(row, field, parser, value);
                case "parameters" -> row.parameters = number(row, field, parser, value);
                case "tokens" -> row.tokens = number(row, field, parser, value);
                case "loss" -> row.loss = number(row, field, parser, value);
                case "flops" -> row.flops = number(row, field, parser, value);
                case "activeParameters" -> row.activeParameters = number(row, field, parser, value);
                case "uniqueTokens" -> row.uniqueTokens = number(row, field, parser, value);
                case "experts" -> row.experts = RunReaders.experts(row, field, number(row, field, parser, value));
                case "totalParameters" -> row.totalParameters = number(row, field, parser, value);
                case "embeddingParameters" -> row.embeddingParameters = number(row, field, parser, value);
                case "layers" -> row.layers = RunReaders.shapeCount(row, field, number(row, field, parser, value));
                case "contextLength" -> row.contextLength = RunReaders.shapeCount(row, field, number(row, field, parser, value));
                case "width" -> row.width = RunReaders.shapeCount(row, field, number(row, field, parser, value));
                case "learningRate" -> row.learningRate = number(row, field, parser, value);
                case "batchSize" -> {
                    Double size = number(row, field, parser, value);
                    row.batchSize = size == null ? null : RunReaders.integral(row, field, size);
                }
                case "tags" -> tags(row, parser, value);
                case "metrics" -> metrics(row, parser, value);
                default -> {
                    parser.skipChildren();
                    row.error(RunReaders.abbreviate(field), "unknown field");
                }
            }
        }
    }

    private static Double number(RunRow row, String field, JsonParser parser, JsonToken value) {
        if (!value.isNumeric()) {
            parser.skipChildren();
            row.error(field, "must be a number");
            return null;
        }
        return parser.getDoubleValue();
    }

    private static String text(RunRow row, String field, JsonParser parser, JsonToken value) {
        if (value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            row.error(field, "must be a string");
            return null;
        }
        return parser.getString();
    }

    private static void tags(RunRow row, JsonParser parser, JsonToken value) {
        entries(row, parser, value, "tags", "string values", "a string", tag -> tag == JsonToken.VALUE_STRING,
                name -> row.tag(name, parser.getString()));
    }

    private static void metrics(RunRow row, JsonParser parser, JsonToken value) {
        entries(row, parser, value, "metrics", "numbers", "a number", JsonToken::isNumeric,
                name -> row.metric(name, parser.getDoubleValue()));
    }

    /** An object of named entries: each value {@code accepted} is kept, any other is an error naming its entry. */
    private static void entries(RunRow row, JsonParser parser, JsonToken value, String map, String values,
                                String entry, Predicate<JsonToken> accepted, Consumer<String> keep) {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            row.error(map, "must be an object of " + values);
            return;
        }
        for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            if (accepted.test(parser.nextToken())) {
                keep.accept(name);
            } else {
                parser.skipChildren();
                row.error(map + "." + RunReaders.abbreviate(name), "must be " + entry);
            }
        }
    }
}
