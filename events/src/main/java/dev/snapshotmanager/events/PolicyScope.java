package dev.snapshotmanager.events;

/** The scope of a policy set: every tenant, or one tenant (an OpenStack project). */
public enum PolicyScope {
    GLOBAL,
    TENANT
}
