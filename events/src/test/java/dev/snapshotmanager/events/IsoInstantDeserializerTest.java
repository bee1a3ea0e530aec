package dev.snapshotmanager.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written reading of instants answers exactly what jackson-datatype-jsr310 answers, for every input. */
class IsoInstantDeserializerTest {

    /** The mapping as it was before: jackson-datatype-jsr310 alone. */
    private static final ObjectMapper GENERAL = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void eventJsonReadsInstantsWithIt() throws Exception {
        ObjectMapper mapper = EventJson.mapper();
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        assertInstanceOf(IsoInstantDeserializer.class,
                context.findRootValueDeserializer(mapper.constructType(Instant.class)));
    }

    @Test
    void readsWhatInstantToStringWritesAsTheGeneralParserDoes() throws Exception {
        Random random = new Random(20261130);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T12:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("2000-03-01T00:00:00.000001Z")));
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long second = min + (long) (random.nextDouble() * (max - min));
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nanos));
        }
        for (Instant instant : instants) {
            String text = instant.toString();
            assertNotNull(IsoInstantDeserializer.parseUtc(text), text); // read by hand, not handed on
            assertEquals(instant, read(EventJson.mapper(), text), text);
            assertEquals(read(GENERAL, text), read(EventJson.mapper(), text), text);
        }
    }

    @Test
    void everyFractionLengthMeansWhatTheGeneralParserReads() throws Exception {
        String digits = "123456789";
        for (int n = 1; n <= 9; n++) {
            String text = "2025-03-01T02:00:00." + digits.substring(0, n) + "Z";
            assertNotNull(IsoInstantDeserializer.parseUtc(text), text);
            assertEquals(read(GENERAL, text), read(EventJson.mapper(), text), text);
            String zeros = "2025-03-01T02:00:00." + "0".repeat(n - 1) + "7Z";
            assertEquals(read(GENERAL, zeros), read(EventJson.mapper(), zeros), zeros);
        }
    }

    @Test
    void everythingElseIsReadOrRefusedAsBefore() throws Exception {
        List<String> values = List.of("\"2025-02-29T00:00:00Z\"", "\"2024-02-30T00:00:00Z\"", "\"2025-04-31T00:00:00Z\"",
                "\"2025-13-01T00:00:00Z\"", "\"2025-00-01T00:00:00Z\"", "\"2025-01-00T00:00:00Z\"",
                "\"2025-03-01T24:00:00Z\"", "\"2025-03-01T23:60:00Z\"", "\"2025-06-30T23:59:60Z\"",
                "\"2025-03-01T02:00:00.Z\"", "\"2025-03-01T02:00:00.1234567891Z\"", "\"2025-03-01T02:00:00+01:00\"",
                "\"2025-03-01T02:00:00+00:00\"", "\"2025-03-01T02:00:00z\"", "\"2025-03-01t02:00:00Z\"",
                "\" 2025-03-01T02:00:00Z \"", "\"2025-03-01T02:00Z\"", "\"+12025-03-01T02:00:00Z\"",
                "\"2025-3-01T02:00:00Z\"", "\"2025-03-01T02:00:0xZ\"", "\"2025-03-01T02:00:00,5Z\"", "\"\"",
                "\"1700000000\"", "\"1700000000.5\"", "1700000000", "1700000000.25", "-5", "null", "true", "[]",
                "\"1900-02-29T00:00:00Z\"", "\"2000-02-29T00:00:00Z\"", "\"2100-02-29T00:00:00Z\"",
                "\"2400-02-29T00:00:00Z\"", "\"2025-12-31T23:59:59Z\"", "\"2025-11-31T00:00:00Z\"");
        for (String json : values) {
            Outcome general = outcome(GENERAL, json);
            Outcome ours = outcome(EventJson.mapper(), json);
            assertEquals(general, ours, json);
        }
        assertNull(IsoInstantDeserializer.parseUtc("2025-02-29T00:00:00Z"));
        assertNull(IsoInstantDeserializer.parseUtc("1900-02-29T00:00:00Z"));
        assertEquals(Instant.parse("2000-02-29T00:00:00Z"), IsoInstantDeserializer.parseUtc("2000-02-29T00:00:00Z"));
        assertNull(IsoInstantDeserializer.parseUtc("2025-03-01T02:00:00+01:00"));
    }

    private static Instant read(ObjectMapper mapper, String text) throws Exception {
        return mapper.readValue("\"" + text + "\"", Instant.class);
    }

    /** What reading {@code json} gave: the instant, or the kind of refusal. */
    private static Outcome outcome(ObjectMapper mapper, String json) {
        try {
            return new Outcome(mapper.readValue(json, Instant.class), null);
        } catch (Exception e) {
            return new Outcome(null, e.getClass());
        }
    }

    private record Outcome(Instant instant, Class<?> refusal) {
    }
}
