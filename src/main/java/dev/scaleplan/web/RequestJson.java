package dev.scaleplan.web;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * How request bodies are read: strictly. Unknown fields, repeated keys, numbers sent as strings (and
 * strings sent as numbers) and fractions for integers are errors, not guesses. Stored JSON (fits, plans) keeps using the lenient
 * application mapper, so a field added or dropped later does not break reading old rows.
 */
@Configuration(proxyBeanMethods = false)
public class RequestJson {

    private final JsonMapper mapper;

    RequestJson(JsonMapper applicationMapper) {
        this.mapper = applicationMapper.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // A number or boolean where text is expected ("tags": {"a": 1}) is an error, not the string "1".
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /** The strict mapper for request bodies (MVC bodies and run uploads). */
    public JsonMapper mapper() {
        return mapper;
    }

    /** Runs after Boot's own customizer, so the server-side JSON converter reads with the strict mapper. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer strictRequestBodies() {
        return builder -> builder.withJsonConverter(new JacksonJsonHttpMessageConverter(mapper));
    }
}
