package dev.snapshotmanager.common.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NulCharactersTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void findsTheCharacterPostgresqlCannotStore() {
        assertThat(NulCharacters.in("a\u0000b")).isTrue();
        assertThat(NulCharacters.in("\u0000")).isTrue();
        assertThat(NulCharacters.in("a\\u0000b")).as("an escape written out is text").isFalse();
        assertThat(NulCharacters.in("")).isFalse();
        assertThat(NulCharacters.in(null)).isFalse();
    }

    @Test
    void refusesATreeNamingTheFirstValueOrKeyWithOneByItsPath() throws Exception {
        ProblemException value = catchThrowableOfType(ProblemException.class, () -> NulCharacters.requireNone(
                json.readTree("[{\"name\":\"ok\",\"tags\":[\"a\",\"b\\u0000\"]}]"), ""));
        assertThat(value.status()).isEqualTo(400);
        assertThat(value.toProblem("/x").detail()).isEqualTo("Field '[0].tags[1]' must not contain a NUL character");
        assertThat(value.toProblem("/x").violations()).extracting(Problem.Violation::field).containsExactly("[0].tags[1]");

        ProblemException key = catchThrowableOfType(ProblemException.class, () -> NulCharacters.requireNone(
                json.readTree("{\"match\":{\"k\\u0000\":\"v\"}}"), ""));
        assertThat(key.toProblem("/x").detail()).isEqualTo("Field 'match.k?' must not contain a NUL character");
    }

    @Test
    void letsATreeWithoutOnePass() throws Exception {
        assertThatCode(() -> NulCharacters.requireNone(json.readTree("{\"a\":[1,\"x\",null,{\"b\":true}]}"), ""))
                .doesNotThrowAnyException();
        assertThatCode(() -> NulCharacters.requireNone(null, "")).doesNotThrowAnyException();
    }
}
