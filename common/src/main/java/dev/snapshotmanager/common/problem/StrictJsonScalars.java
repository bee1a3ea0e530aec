package dev.snapshotmanager.common.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The REST layer's JSON reader takes a boolean only as {@code true} or {@code false} and text only as a JSON string:
 * {@code "dryRun": 1} or {@code "reason": 5} is a 400 naming the field ({@link ProblemMappers#unreadable}), as a
 * wrong type is everywhere else. Jackson's default reads 1 as true, 0 as false and any number or boolean as its text,
 * so a client's mistake became a request nobody meant. A type that reads its own JSON (policy-service's rule match
 * values take a number as its text, on purpose) is not affected. Events are read by their own mapper.
 */
@Singleton
public class StrictJsonScalars implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
