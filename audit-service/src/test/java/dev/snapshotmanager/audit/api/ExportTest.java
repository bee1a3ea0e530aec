package dev.snapshotmanager.audit.api;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import dev.snapshotmanager.audit.fixtures.Records;
import dev.snapshotmanager.audit.repository.RecordCsv;
import dev.snapshotmanager.audit.service.IngestService;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.VolumeResultV1;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExportTest {

    @Inject
    IngestService ingest;

    @Test
    void exportsRfc4180CsvWithAHeaderRowAndEscapedNames() throws Exception {
        String project = Records.uniqueProject();
        VolumeResultV1 tricky = aResult().project(project, "Sales, \"EMEA\"").volume("vol-x", "line one\r\nline \"two\"")
                .server("srv-x", "a,b").error("said \"no\"\nthen stopped").at("2026-11-01T00:00:00Z").build();
        VolumeResultV1 plain = aResult().project(project, "Sales").volume("vol-y", "plain").at("2026-11-02T00:00:00Z").build();
        Records.store(ingest, plain, tricky);

        String body = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project).queryParam("format", "csv")
                .when().get("/api/v1/records/export")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", matchesPattern("attachment; filename=\"snapshot-records-\\d{8}T\\d{6}Z\\.csv\""))
                .extract().asString();

        assertThat(body).startsWith(String.join(",", RecordCsv.HEADER) + "\r\n");
        assertThat(body).contains("\"Sales, \"\"EMEA\"\"\"").contains("\"line one\r\nline \"\"two\"\"\"").contains(",\"a,b\",");
        List<CSVRecord> parsed = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body)).getRecords();
        assertThat(parsed).hasSize(2);
        CSVRecord first = parsed.get(0);
        assertThat(first.get("id")).isEqualTo(tricky.eventId());
        assertThat(first.get("projectName")).isEqualTo("Sales, \"EMEA\"");
        assertThat(first.get("volumeName")).isEqualTo("line one\r\nline \"two\"");
        assertThat(first.get("serverName")).isEqualTo("a,b");
        assertThat(first.get("error")).isEqualTo("said \"no\"\nthen stopped");
        assertThat(first.get("occurredAt")).isEqualTo("2026-11-01T00:00:00.000000Z");
        assertThat(Instant.parse(first.get("slot"))).isEqualTo(tricky.slot());
        assertThat(first.get("dryRun")).isEqualTo("false");
        assertThat(first.get("reason")).as("null is an empty field").isEmpty();
        assertThat(body).endsWith("\r\n");
        assertThat(parsed.get(1).get("volumeName")).isEqualTo("plain");
    }

    @Test
    void exportsNdjsonOneRecordPerLine() {
        String project = Records.uniqueProject();
        VolumeResultV1 a = aResult().project(project).volume("vol-a", "multi\nline").at("2026-11-01T00:00:00Z").build();
        VolumeResultV1 b = aResult().project(project).at("2026-11-02T00:00:00Z").build();
        Records.store(ingest, a, b);

        String body = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project).queryParam("format", "ndjson")
                .queryParam("sort", "desc").when().get("/api/v1/records/export")
                .then().statusCode(200).contentType(containsString("application/x-ndjson"))
                .header("Content-Disposition", containsString(".ndjson\"")).extract().asString();

        List<String> lines = body.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(EventJson.fromJson(lines.get(0), Map.class).get("id")).isEqualTo(b.eventId());
        assertThat(((Map<?, ?>) EventJson.fromJson(lines.get(1), Map.class).get("volume")).get("name"))
                .isEqualTo("multi\nline");
    }

    @Test
    void exportsOnlyTheCallersTenants() {
        String mine = Records.uniqueProject();
        String theirs = Records.uniqueProject();
        VolumeResultV1 my = aResult().project(mine).volume("vol-iso", "iso").build();
        Records.store(ingest, my, aResult().project(theirs).volume("vol-iso", "iso").build());

        String body = given().auth().oauth2(Tokens.tenantViewer(mine)).queryParam("volumeId", "vol-iso")
                .when().get("/api/v1/records/export").then().statusCode(200).extract().asString();

        assertThat(body.lines().skip(1).toList()).singleElement().satisfies(line -> assertThat(line).startsWith(my.eventId()));
        given().auth().oauth2(Tokens.tenantViewer(mine)).queryParam("projectId", theirs)
                .when().get("/api/v1/records/export").then().statusCode(403);
    }

    @Test
    void treatsQuotesAndBackslashesInFiltersAsPlainValues() {
        String project = Records.uniqueProject();
        String name = "it's a \\ back' OR '1'='1";
        VolumeResultV1 odd = aResult().project(project).volume("vol-odd", name).at("2026-11-01T00:00:00Z").build();
        Records.store(ingest, odd, aResult().project(project).volume("vol-even", "even").at("2026-11-02T00:00:00Z").build());

        for (Map.Entry<String, String> filter : Map.of("volumeName", name, "q", "s a \\ back' OR").entrySet()) {
            String body = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project)
                    .queryParam(filter.getKey(), filter.getValue()).when().get("/api/v1/records/export")
                    .then().statusCode(200).extract().asString();
            assertThat(body.split("\r\n")).as(filter.getKey()).hasSize(2);
            assertThat(body).as(filter.getKey()).contains(odd.eventId()).contains(name).doesNotContain("vol-even");
        }
        String none = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project)
                .queryParam("volumeName", "x' OR '1'='1").when().get("/api/v1/records/export")
                .then().statusCode(200).extract().asString();
        assertThat(none).isEqualTo(String.join(",", RecordCsv.HEADER) + "\r\n");
    }

    @Test
    void exportsInTheRequestedOrderWithEveryRowOnce() throws Exception {
        String project = Records.uniqueProject();
        VolumeResultV1[] results = new VolumeResultV1[30];
        for (int i = 0; i < results.length; i++) {
            results[i] = aResult().project(project).volume("vol-" + i, "v" + i)
                    .at(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i * 60L)).build();
        }
        Records.store(ingest, results);

        String body = given().auth().oauth2(Tokens.viewer()).queryParam("projectId", project).queryParam("sort", "desc")
                .when().get("/api/v1/records/export").then().statusCode(200).extract().asString();

        List<CSVRecord> parsed = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body)).getRecords();
        assertThat(parsed).extracting(r -> r.get("volumeId"))
                .containsExactlyElementsOf(java.util.stream.IntStream.iterate(29, i -> i >= 0, i -> i - 1)
                        .mapToObj(i -> "vol-" + i).toList());
    }

    @Test
    void rejectsAnUnknownFormat() {
        given().auth().oauth2(Tokens.viewer()).queryParam("format", "xlsx").when().get("/api/v1/records/export")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
