package dev.snapshotmanager.systemtests.harness;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 access to the one {@link SystemStack} of the test JVM: starts it before the first test class that uses
 * it, stops it when the whole test plan ends, resolves {@code SystemStack} parameters, and prints the tail of every
 * component's log when a test fails (the full logs stay in {@code target/system-tests/logs}).
 */
public final class SystemStackExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final int FAILURE_LOG_LINES = 30;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SystemStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.out.println("==== " + context.getDisplayName() + " failed: " + cause + "; component logs:");
        SystemStack.get().printLogTails(System.out, FAILURE_LOG_LINES);
    }

    private static SystemStack stack(ExtensionContext context) {
        // Kept in the root store: closed (stopped) once, after the last test class of the plan.
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> new Running(SystemStack.get()), Running.class).stack;
    }

    /** Stops the stack when JUnit closes the root store (AutoCloseable for JUnit 5.13+, CloseableResource before). */
    @SuppressWarnings("deprecation")
    private record Running(SystemStack stack) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            System.out.printf("stopping the system stack (it started in %.1f s)%n", stack.startSeconds());
            stack.stop();
        }
    }
}
