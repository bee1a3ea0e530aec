package dev.snapshotmanager.emulator.http;

/** Which service answers: decides error body shapes and common response headers. */
public enum Style {
    KEYSTONE, CINDER, NOVA, EMULATOR
}
