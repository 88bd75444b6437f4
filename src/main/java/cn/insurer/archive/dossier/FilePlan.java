package cn.insurer.archive.dossier;

import cn.insurer.archive.access.SecurityLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The file plan (分类方案, {@code schemas/file-plan.yaml}) and the completeness rules
 * ({@code schemas/completeness.yaml}), read and checked at start: a mistake in either stops the
 * deployment with the file, the line where known, and what is wrong.
 */
@ApplicationScoped
public class FilePlan {

    private static final String LOCATION = "/archive-config/";
    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,10}");
    private static final Pattern RETENTION = Pattern.compile("D\\d{2}|Y");

    private String fondsCode;
    private String defaultOrganisation;
    private final Map<String, Category> categories = new LinkedHashMap<>();
    private final Map<String, String> organisations = new LinkedHashMap<>();
    private final List<RecordClass> classes = new ArrayList<>();
    private final List<CompletenessRule> completeness = new ArrayList<>();

    public record Category(String code, String name, String nameEn) {
    }

    public record RecordClass(String code, String category, String name, String nameEn, DossierType dossierType,
                              SecurityLevel defaultSecurityLevel, String retentionCode, List<String> retentionRules,
                              Map<String, String> documentTypes) {
    }

    public record CompletenessRule(DossierType dossierType, String productLine, List<String> required) {
    }

    @PostConstruct
    void load() {
        JsonNode plan = read("file-plan.yaml");
        List<String> problems = new ArrayList<>();
        fondsCode = text(plan, "fondsCode", problems, "file-plan.yaml");
        defaultOrganisation = text(plan, "defaultOrganisation", problems, "file-plan.yaml");
        for (JsonNode category : plan.path("categories")) {
            Category parsed = new Category(category.path("code").asText(), category.path("name").asText(),
                    category.path("nameEn").asText());
            if (!CODE.matcher(parsed.code()).matches()) {
                problems.add("file-plan.yaml: category code '" + parsed.code() + "' must be 1-10 capital letters or digits");
            }
            categories.put(parsed.code(), parsed);
        }
        plan.path("organisations").fields().forEachRemaining(entry -> organisations.put(entry.getKey(), entry.getValue().asText()));
        for (JsonNode node : plan.path("classes")) {
            String code = node.path("code").asText();
            String where = "file-plan.yaml: class " + code;
            if (!categories.containsKey(node.path("category").asText())) {
                problems.add(where + ": unknown category '" + node.path("category").asText() + "'");
            }
            DossierType type = parse(DossierType.class, node.path("dossierType").asText(), where + ": dossierType", problems);
            SecurityLevel level = parse(SecurityLevel.class, node.path("defaultSecurityLevel").asText(),
                    where + ": defaultSecurityLevel", problems);
            String retention = node.path("retention").path("code").asText();
            if (!RETENTION.matcher(retention).matches()) {
                problems.add(where + ": retention code '" + retention + "' must be D05, D10, D30 ... or Y (permanent)");
            }
            List<String> rules = new ArrayList<>();
            node.path("retention").path("rules").forEach(rule -> rules.add(rule.asText()));
            Map<String, String> documentTypes = new LinkedHashMap<>();
            node.path("documentTypes").fields().forEachRemaining(entry -> documentTypes.put(entry.getKey(), entry.getValue().asText()));
            if (documentTypes.isEmpty()) {
                problems.add(where + ": lists no document types");
            }
            classes.add(new RecordClass(code, node.path("category").asText(), node.path("name").asText(),
                    node.path("nameEn").asText(), type, level, retention, List.copyOf(rules), documentTypes));
        }
        for (DossierType type : DossierType.values()) {
            if (classes.stream().noneMatch(c -> c.dossierType() == type)) {
                problems.add("file-plan.yaml: no class files " + type + " dossiers");
            }
        }
        JsonNode rules = read("completeness.yaml");
        for (JsonNode rule : rules.path("rules")) {
            DossierType type = parse(DossierType.class, rule.path("dossierType").asText(), "completeness.yaml: dossierType", problems);
            List<String> required = new ArrayList<>();
            rule.path("required").forEach(documentType -> required.add(documentType.asText()));
            if (type != null) {
                Map<String, String> known = recordClass(type).map(RecordClass::documentTypes).orElse(Map.of());
                required.stream().filter(documentType -> !known.containsKey(documentType)).forEach(documentType ->
                        problems.add("completeness.yaml: " + type + " requires '" + documentType
                                + "', which the file plan does not list for that dossier type"));
            }
            completeness.add(new CompletenessRule(type, rule.hasNonNull("productLine") ? rule.get("productLine").asText() : null,
                    List.copyOf(required)));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The file plan is invalid:\n  " + String.join("\n  ", problems));
        }
    }

    private static JsonNode read(String name) {
        try (InputStream in = FilePlan.class.getResourceAsStream(LOCATION + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the deployment");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(name + (e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr())
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    private static String text(JsonNode node, String field, List<String> problems, String file) {
        if (!node.hasNonNull(field) || node.get(field).asText().isBlank()) {
            problems.add(file + ": '" + field + "' is required");
            return null;
        }
        return node.get(field).asText();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String where, List<String> problems) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": '" + value + "' is not one of " + List.of(type.getEnumConstants()));
            return null;
        }
    }

    public String fondsCode() {
        return fondsCode;
    }

    public List<Category> categories() {
        return List.copyOf(categories.values());
    }

    public List<RecordClass> classes() {
        return List.copyOf(classes);
    }

    public Optional<RecordClass> recordClass(DossierType type) {
        return classes.stream().filter(c -> c.dossierType() == type).findFirst();
    }

    public String organisationCode(String department) {
        return organisations.getOrDefault(department, defaultOrganisation);
    }

    /** The document types a dossier must hold before sealing: the rule for its product line, else its type's. */
    public List<String> requiredDocumentTypes(DossierType type, String productLine) {
        return completeness.stream().filter(rule -> rule.dossierType() == type && productLine.equals(rule.productLine()))
                .findFirst()
                .or(() -> completeness.stream().filter(rule -> rule.dossierType() == type && rule.productLine() == null).findFirst())
                .map(CompletenessRule::required)
                .orElse(List.of());
    }
}
