package dev.snapshotmanager.audit.api;

import dev.snapshotmanager.testsupport.security.TestTokens;
import java.util.List;

/** Bearer tokens of the test callers. */
final class Tokens {

    private Tokens() {
    }

    static String viewer() {
        return TestTokens.forRole("vera", "viewer");
    }

    static String admin() {
        return TestTokens.forRole("ada", "admin");
    }

    static String tenantViewer(String... projects) {
        return TestTokens.forTenants("tom", "viewer", List.of(projects));
    }

    static String noRole() {
        return TestTokens.forRole("nobody", "none");
    }
}
