package dev.snapshotmanager.emulator.http;

/** The business part of a route: synchronous, on the event loop, answers or throws {@link ApiException}. */
@FunctionalInterface
public interface Action {

    Reply handle(Call call);
}
