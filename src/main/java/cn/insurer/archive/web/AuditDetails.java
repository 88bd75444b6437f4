package cn.insurer.archive.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An audit event's details (a JSON object) as the audit page lists them: one "key: value" line per
 * member, lists joined, and hashes cut to their first characters with the whole value kept for the
 * tooltip, so a row stays readable without losing what an auditor may need to compare.
 */
public final class AuditDetails {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{32,}");
    private static final int HASH_SHOWN = 12;

    /** One member: what the row shows and, when it shows less, the whole value. */
    public record Detail(String key, String shown, String full) implements Serializable {

        public boolean shortened() {
            return !shown.equals(full);
        }
    }

    private AuditDetails() {
    }

    static List<Detail> of(String details) {
        if (details == null || details.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(details);
        } catch (JsonProcessingException notJson) {
            return List.of(new Detail("", details, details));
        }
        if (!root.isObject()) {
            return List.of(detail("", root));
        }
        List<Detail> result = new ArrayList<>();
        root.fields().forEachRemaining(member -> result.add(detail(member.getKey(), member.getValue())));
        return result;
    }

    /** One plain member of the details, or null when absent or not JSON. */
    static String member(String details, String key) {
        if (details == null || details.isBlank()) {
            return null;
        }
        try {
            JsonNode value = JSON.readTree(details).get(key);
            return value == null || !value.isValueNode() ? null : value.asText();
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static Detail detail(String key, JsonNode value) {
        return new Detail(key, text(value, true), text(value, false));
    }

    private static String text(JsonNode value, boolean shorten) {
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(element -> parts.add(text(element, shorten)));
            return String.join(", ", parts);
        }
        if (value.isObject()) {
            return value.toString();
        }
        String text = value.isNull() ? "—" : value.asText();
        return shorten && HASH.matcher(text).matches() ? text.substring(0, HASH_SHOWN) + "…" : text;
    }
}
