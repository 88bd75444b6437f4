package cn.insurer.archive.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The chain's head at one moment, as stored outside the database. */
public record Checkpoint(long seq, String hash, Instant at) {

    static final String PREFIX = "audit/checkpoints/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Zero-padded so that the store lists checkpoints in sequence order. */
    String key() {
        return PREFIX + String.format("%020d", seq) + ".json";
    }

    String toJson() {
        return JSON.createObjectNode().put("seq", seq).put("hash", hash).put("at", at.toString()).toString();
    }

    static Checkpoint parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new Checkpoint(node.get("seq").asLong(), node.get("hash").asText(), Instant.parse(node.get("at").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("not an audit checkpoint: " + json, e);
        }
    }
}
