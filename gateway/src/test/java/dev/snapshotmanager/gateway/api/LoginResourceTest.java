package dev.snapshotmanager.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginResourceTest {

    @ParameterizedTest
    @CsvSource({
        "/runs/42, /runs/42",
        "/audit?action=FAILED&limit=25, /audit?action=FAILED&limit=25",
        "'', /",
        "runs, /",
        "//evil.example/x, /",
        "https://evil.example/, /",
        "/\\evil.example, /",
        "'/a\tb', /"
    })
    void goesOnOnlyToPathsOfThisSite(String next, String expected) {
        assertThat(LoginResource.localPath(next)).isEqualTo(expected);
    }
}
