package dev.scaleplan.runs;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemDetailsAdvice;
import dev.scaleplan.web.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a JSON array of runs from a stream, one element at a time. */
final class JsonRunReader {

    private final JsonMapper mapper;

    JsonRunReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    List<RunInput> read(InputStream body, int maxRows) {
        UploadErrors errors = new UploadErrors();
        List<RunRow> rows = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new ApiException(ProblemType.MALFORMED_BODY, "The body must be a JSON array of runs");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new ApiException(ProblemType.MALFORMED_BODY, "The JSON array of runs is not closed");
                }
                RunRow row = new RunRow(rows.size() + 1, errors);
                rows.add(row);
                RunReaders.checkRowCount(rows.size(), maxRows);
                if (token == JsonToken.START_OBJECT) {
                    JsonNode node = parser.readValueAsTree();
                    fill(row, node);
                } else {
                    parser.skipChildren();
                    row.reject("each run must be a JSON object");
                }
            }
            if (parser.nextToken() != null) {
                throw new ApiException(ProblemType.MALFORMED_BODY, "Unexpected content after the JSON array of runs");
            }
        } catch (JacksonException e) {
            throw new ApiException(ProblemType.MALFORMED_BODY, ProblemDetailsAdvice.unreadableJson(e));
        }
        return RunReaders.finish(rows, errors);
    }

    private static void fill(RunRow row, JsonNode node) {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String field = property.getKey();
            JsonNode value = property.getValue();
            if (value.isNull()) {
                continue;
            }
            switch (field) {
                case "externalId" -> row.externalId = text(row, field, value);
                case "dataset" -> row.dataset = text(row, field, value);
                case "parameters" -> row.parameters = number(row, field, value);
                case "tokens" -> row.tokens = number(row, field, value);
                case "loss" -> row.loss = number(row, field, value);
                case "flops" -> row.flops = number(row, field, value);
                case "activeParameters" -> row.activeParameters = number(row, field, value);
                case "uniqueTokens" -> row.uniqueTokens = number(row, field, value);
                case "experts" -> row.experts = RunReaders.experts(row, field, number(row, field, value));
                case "totalParameters" -> row.totalParameters = number(row, field, value);
                case "learningRate" -> row.learningRate = number(row, field, value);
                case "batchSize" -> {
                    Double size = number(row, field, value);
                    row.batchSize = size == null ? null : RunReaders.integral(row, field, size);
                }
                case "tags" -> tags(row, value);
                case "metrics" -> metrics(row, value);
                default -> row.error(RunReaders.abbreviate(field), "unknown field");
            }
        }
    }

    private static Double number(RunRow row, String field, JsonNode value) {
        if (!value.isNumber()) {
            row.error(field, "must be a number");
            return null;
        }
        return value.numberValue().doubleValue();
    }

    private static String text(RunRow row, String field, JsonNode value) {
        if (!value.isString()) {
            row.error(field, "must be a string");
            return null;
        }
        return value.stringValue();
    }

    private static void tags(RunRow row, JsonNode value) {
        if (!value.isObject()) {
            row.error("tags", "must be an object of string values");
            return;
        }
        for (Map.Entry<String, JsonNode> tag : value.properties()) {
            if (tag.getValue().isString()) {
                row.tag(tag.getKey(), tag.getValue().stringValue());
            } else {
                row.error("tags." + RunReaders.abbreviate(tag.getKey()), "must be a string");
            }
        }
    }

    private static void metrics(RunRow row, JsonNode value) {
        if (!value.isObject()) {
            row.error("metrics", "must be an object of numbers");
            return;
        }
        for (Map.Entry<String, JsonNode> metric : value.properties()) {
            if (metric.getValue().isNumber()) {
                row.metric(metric.getKey(), metric.getValue().numberValue().doubleValue());
            } else {
                row.error("metrics." + RunReaders.abbreviate(metric.getKey()), "must be a number");
            }
        }
    }
}
