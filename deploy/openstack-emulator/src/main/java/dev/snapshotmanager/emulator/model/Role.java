package dev.snapshotmanager.emulator.model;

/** A Keystone role; a token holding the role named {@code admin} is an admin token, as in stock policies. */
public record Role(String id, String name) {

    public static final String ADMIN = "admin";

    public boolean isAdmin() {
        return ADMIN.equals(name);
    }
}
