package cn.insurer.archive.web;

import cn.insurer.archive.dossier.DossierType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The new-dossier form's fields, read from the same JSON Schema per dossier type that validates
 * the dossier, so a field added to a schema appears on the form. Labels come from each property's
 * {@code title}, "中文 English".
 */
@ApplicationScoped
public class SchemaFields {

    private static final String LOCATION = "/archive-config/metadata/";
    /** Set by the form itself (type) or derived from other fields (businessKey). */
    private static final Set<String> NOT_ASKED = Set.of("type", "businessKey", "metadata");

    private final Map<DossierType, List<Field>> fields = new EnumMap<>(DossierType.class);

    public enum Kind { TEXT, DATE, MONEY, CHOICE, FLAG }

    /**
     * One input: {@code name} is the JSON name, dotted under {@code metadata.} for the type's details.
     */
    public record Field(String name, String chinese, String english, Kind kind, List<String> choices, boolean required)
            implements Serializable {

        public String label(Locale locale) {
            return "en".equals(locale.getLanguage()) && !english.isEmpty() ? english : chinese;
        }

        /** Faces component ids take no dots. */
        public String inputId() {
            return "f_" + name.replace('.', '_');
        }
    }

    @PostConstruct
    void load() {
        ObjectMapper json = new ObjectMapper();
        for (DossierType type : DossierType.values()) {
            String name = LOCATION + type.name().toLowerCase(Locale.ROOT) + ".schema.json";
            try (InputStream in = SchemaFields.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("metadata schema missing from the deployment: " + name);
                }
                fields.put(type, read(json.readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public List<Field> of(DossierType type) {
        return fields.get(type);
    }

    private static List<Field> read(JsonNode schema) {
        List<Field> result = new ArrayList<>();
        add(schema, schema, "", result);
        JsonNode metadata = schema.path("properties").path("metadata");
        if (metadata.isObject()) {
            add(schema, metadata, "metadata.", result);
        }
        return List.copyOf(result);
    }

    private static void add(JsonNode root, JsonNode object, String prefix, List<Field> result) {
        Set<String> required = new HashSet<>();
        object.path("required").forEach(name -> required.add(name.asText()));
        Iterator<Map.Entry<String, JsonNode>> properties = object.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            if (prefix.isEmpty() && NOT_ASKED.contains(property.getKey())) {
                continue;
            }
            JsonNode definition = property.getValue();
            JsonNode resolved = definition.has("$ref") ? resolve(root, definition.get("$ref").asText()) : definition;
            if ("null".equals(resolved.path("type").asText())) {
                // A field the type must leave empty (a policy's claim number, a ledger's insured) is not asked.
                continue;
            }
            String title = definition.has("title") ? definition.get("title").asText() : resolved.path("title").asText(property.getKey());
            int space = title.indexOf(' ');
            String chinese = space < 0 ? title : title.substring(0, space);
            String english = space < 0 ? "" : title.substring(space + 1);
            List<String> choices = new ArrayList<>();
            resolved.path("enum").forEach(choice -> choices.add(choice.asText()));
            Kind kind = !choices.isEmpty() ? Kind.CHOICE
                    : "date".equals(resolved.path("format").asText()) ? Kind.DATE
                    : "boolean".equals(resolved.path("type").asText()) ? Kind.FLAG
                    : resolved.has("oneOf") ? Kind.MONEY
                    : Kind.TEXT;
            result.add(new Field(prefix + property.getKey(), chinese, english, kind, List.copyOf(choices),
                    required.contains(property.getKey())));
        }
    }

    private static JsonNode resolve(JsonNode root, String ref) {
        return ref.startsWith("#/") ? root.at(ref.substring(1)) : root;
    }
}
