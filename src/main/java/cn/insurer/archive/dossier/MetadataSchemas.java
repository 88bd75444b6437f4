package cn.insurer.archive.dossier;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.SchemaRule;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON Schema of each dossier type ({@code schemas/metadata/}), which says what a clerk must
 * fill in. Validation messages come back in the caller's language.
 */
@ApplicationScoped
public class MetadataSchemas {

    private static final String LOCATION = "/archive-config/metadata/";
    private static final List<Locale> LOCALES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    private final Map<DossierType, Map<Locale, JsonSchema>> schemas = new EnumMap<>(DossierType.class);

    @PostConstruct
    void load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (DossierType type : DossierType.values()) {
            Map<Locale, JsonSchema> byLocale = new HashMap<>();
            for (Locale locale : LOCALES) {
                SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                        .formatAssertionsEnabled(true)
                        .locale(locale)
                        .build();
                try (InputStream in = schemaStream(type)) {
                    byLocale.put(locale, factory.getSchema(in, config));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            schemas.put(type, byLocale);
        }
    }

    private static InputStream schemaStream(DossierType type) {
        String name = LOCATION + type.name().toLowerCase(Locale.ROOT) + ".schema.json";
        InputStream in = MetadataSchemas.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("metadata schema missing from the deployment: " + name);
        }
        return in;
    }

    /**
     * The schema violations of a dossier document in a stable order. Each carries the validator's
     * sentence as the argument the API's message shows and, after it, the {@link SchemaRule} broken,
     * which the API's pattern leaves out.
     */
    public List<FieldError> violations(DossierType type, JsonNode document, Locale locale) {
        JsonSchema schema = schemas.get(type).getOrDefault(locale, schemas.get(type).get(Locale.SIMPLIFIED_CHINESE));
        List<FieldError> errors = new ArrayList<>();
        schema.validate(document).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .forEach(message -> errors.add(new FieldError(fieldOf(message), "validation.schema",
                        message.getMessage(), ruleOf(message))));
        return errors;
    }

    private static SchemaRule ruleOf(ValidationMessage message) {
        Object[] arguments = message.getArguments() == null ? new Object[0] : message.getArguments();
        return new SchemaRule(message.getType(), Arrays.stream(arguments).map(String::valueOf).toList(), definitionOf(message));
    }

    /** The schema definition ({@code $defs/money}) the broken rule belongs to: it names the kind of value. */
    private static String definitionOf(ValidationMessage message) {
        java.util.regex.Matcher definition = DEFINITION.matcher(String.valueOf(message.getSchemaLocation()));
        return definition.find() ? definition.group(1) : null;
    }

    private static final java.util.regex.Pattern DEFINITION = java.util.regex.Pattern.compile("/\\$defs/([A-Za-z0-9_]+)");

    private static String fieldOf(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        String field;
        if (location.startsWith("$.")) {
            field = location.substring(2);
        } else if (location.startsWith("/")) {
            field = location.substring(1).replace('/', '.');
        } else {
            field = location.equals("$") ? "" : location;
        }
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            return field.isEmpty() ? message.getProperty() : field + "." + message.getProperty();
        }
        return field;
    }
}
