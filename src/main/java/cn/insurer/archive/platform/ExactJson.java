package cn.insurer.archive.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON read with every number as it was written: a decimal stays a {@code BigDecimal} with its
 * trailing zeros, never a double, so a stored {@code 1.50} is shown and indexed as {@code 1.50},
 * and a token's {@code exp} of {@code 1700000000.9999999999} truncates to its whole second rather
 * than rounding up to the next.
 */
public final class ExactJson {

    /** Immutable, so one serves every thread. */
    public static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build().reader();

    private static final ObjectReader OBJECT = READER.forType(new TypeReference<Map<String, Object>>() { });

    private ExactJson() {
    }

    /** JSON the archive stored itself, which failing to read is a fault rather than bad input. */
    public static JsonNode stored(String json) {
        try {
            return READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored JSON is unreadable", e);
        }
    }

    /**
     * A stored JSON object as plain values (maps in the object's order, lists, strings, numbers,
     * booleans, nulls), which JSON-B writes out again just as it was stored.
     */
    public static Map<String, Object> storedObject(String json) {
        Map<String, Object> object;
        try {
            object = OBJECT.readValue(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored JSON is not an object", e);
        }
        if (object == null) {
            throw new IllegalStateException("stored JSON is null, not an object");
        }
        return object;
    }
}
