package dev.snapshotmanager.common.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonScalarsTest {

    record Request(String name, boolean dryRun, Boolean force, List<String> values) {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new NulJsonStrings().customize(mapper); // the REST mapper's own string reader too
        new StrictJsonScalars().customize(mapper);
        return mapper;
    }

    @Test
    void readsBooleansAndStringsAsTheyAreWritten() throws Exception {
        Request request = mapper().readValue(
                "{\"name\":\"n\",\"dryRun\":true,\"force\":false,\"values\":[\"5\",\"\"]}", Request.class);

        assertThat(request).isEqualTo(new Request("n", true, false, List.of("5", "")));
    }

    @Test
    void refusesANumberForABoolean() {
        for (String json : List.of("{\"dryRun\":1}", "{\"dryRun\":0}", "{\"force\":1}")) {
            assertThatThrownBy(() -> mapper().readValue(json, Request.class)).as(json)
                    .isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void refusesANumberOrABooleanForText() {
        for (String json : List.of("{\"name\":5}", "{\"name\":1.5}", "{\"name\":true}", "{\"values\":[5]}",
                "{\"values\":[false]}")) {
            assertThatThrownBy(() -> mapper().readValue(json, Request.class)).as(json)
                    .isInstanceOf(MismatchedInputException.class);
        }
    }
}
