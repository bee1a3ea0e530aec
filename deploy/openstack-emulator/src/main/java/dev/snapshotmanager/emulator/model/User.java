package dev.snapshotmanager.emulator.model;

/** A Keystone user; {@code password} is kept in clear, this is an emulator. */
public record User(String id, String name, String domainId, String password, String defaultProjectId, boolean enabled) {
}
