package dev.snapshotmanager.emulator.model;

/** A Keystone project (tenant). */
public record Project(String id, String name, String domainId, String description, boolean enabled) {
}
