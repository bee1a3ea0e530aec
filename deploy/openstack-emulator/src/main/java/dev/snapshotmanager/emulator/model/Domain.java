package dev.snapshotmanager.emulator.model;

/** A Keystone domain. */
public record Domain(String id, String name, String description, boolean enabled) {
}
