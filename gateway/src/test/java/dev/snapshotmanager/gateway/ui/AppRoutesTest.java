package dev.snapshotmanager.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppRoutesTest {

    @ParameterizedTest
    @CsvSource({"/runs, true", "/runs/abc, true", "/policy-sets/new, true", "/, false", "/api/v1/runs, false",
        "/api, false", "/q/health, false", "/openapi, false", "/login, false", "/logout, false",
        "/assets/x, false", "/favicon.svg, false", "/x/y.js, false"})
    void knowsTheAppsOwnPaths(String path, boolean app) {
        assertThat(AppRoutes.isAppPath(path)).isEqualTo(app);
    }
}
