package dev.snapshotmanager.common.problem;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * A boolean path or query parameter is {@code true} or {@code false} (any case); anything else cannot be read, a 400
 * ({@link ProblemMappers#web}). JAX-RS's own reading ({@code Boolean.valueOf}) took every other value, a typo such as
 * {@code active=ture} or {@code dryRun=yes} included, for {@code false}, and answered a page filtered the other way.
 * An empty value counts as absent (null, or false for a primitive {@code boolean}).
 */
@Provider
public class StrictBooleans implements ParamConverterProvider {

    private static final Strict BOXED = new Strict(null);
    private static final Strict PRIMITIVE = new Strict(Boolean.FALSE);

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType == Boolean.class) {
            return (ParamConverter<T>) BOXED;
        }
        if (rawType == boolean.class) {
            return (ParamConverter<T>) PRIMITIVE;
        }
        return null;
    }

    /** Reads true/false; {@code absent} for an empty value. */
    private record Strict(Boolean absent) implements ParamConverter<Boolean> {

        @Override
        public Boolean fromString(String value) {
            // Quarkus REST hands an absent primitive parameter without @DefaultValue over as "0"
            if (value == null || value.isBlank() || (absent != null && value.equals("0"))) {
                return absent;
            }
            if (value.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (value.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("not true or false: " + value);
        }

        @Override
        public String toString(Boolean value) {
            return value == null ? null : value.toString();
        }
    }
}
