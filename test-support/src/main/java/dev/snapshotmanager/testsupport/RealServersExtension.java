package dev.snapshotmanager.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The same real servers for plain JUnit 5 tests (no Quarkus): declare a {@link TestPostgres} or {@link TestKafka}
 * parameter on a test, lifecycle method or constructor and get the JVM's one server, started on first use.
 */
public class RealServersExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestPostgres.class || type == TestKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestPostgres.class ? TestPostgres.get() : TestKafka.get();
    }
}
