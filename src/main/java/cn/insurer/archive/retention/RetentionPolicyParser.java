package cn.insurer.archive.retention;

import cn.insurer.archive.dossier.DossierType;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads retention policy files and checks them, collecting every problem with its file and line
 * instead of stopping at the first, so that one run of the validator shows all that needs fixing.
 * Used by the server at start and by {@code ./archive validate-policies} before deploying.
 */
public final class RetentionPolicyParser {

    private static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Z0-9-]{1,59}");
    private static final Pattern FAMILY = Pattern.compile("[a-z][a-z0-9-]{0,60}");
    private static final Pattern DOCUMENT_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,99}");
    private static final Set<String> CATEGORIES = Set.of("UNDERWRITING", "CLAIMS", "FINANCE", "PERSONNEL", "OTHER");
    private static final Set<String> FILE_FIELDS = Set.of("family", "version", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("id", "name", "covers", "trigger", "period", "action", "basis");
    private static final Set<String> COVER_FIELDS = Set.of("recordCategories", "dossierTypes", "documentTypes", "conditions");
    private static final Set<String> CONDITION_FIELDS = Set.of("policyTermYears", "disputed");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final List<RetentionRule> rules = new ArrayList<>();
    private final List<PolicyProblem> problems = new ArrayList<>();
    private final Map<String, RetentionRule> byId = new HashMap<>();

    /** A value with the line it starts on. */
    private record Located(JsonNode value, int line) {
    }

    /** Reads one file; problems accumulate until {@link #result()}. */
    public void read(String file, InputStream in) {
        try (JsonParser parser = yaml.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                problems.add(new PolicyProblem(file, line(parser), null, "must be a mapping with family, version and rules"));
                return;
            }
            String family = null;
            Integer version = null;
            int familyLine = 1;
            List<Map<String, Located>> ruleNodes = new ArrayList<>();
            List<Integer> ruleLines = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                int fieldLine = line(parser);
                JsonToken value = parser.nextToken();
                if (!FILE_FIELDS.contains(field)) {
                    problems.add(new PolicyProblem(file, fieldLine, null, "unknown field '" + field + "' (expected " + FILE_FIELDS + ")"));
                    parser.skipChildren();
                } else if (field.equals("rules")) {
                    if (value != JsonToken.START_ARRAY) {
                        problems.add(new PolicyProblem(file, fieldLine, null, "'rules' must be a list"));
                        parser.skipChildren();
                        continue;
                    }
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        ruleLines.add(line(parser));
                        ruleNodes.add(parser.currentToken() == JsonToken.START_OBJECT ? fields(parser) : null);
                    }
                } else {
                    JsonNode node = yaml.readTree(parser);
                    if (field.equals("family")) {
                        family = node.asText();
                        familyLine = fieldLine;
                    } else {
                        version = node.canConvertToInt() && node.isIntegralNumber() && node.asInt() > 0 ? node.asInt() : null;
                        if (version == null) {
                            problems.add(new PolicyProblem(file, fieldLine, null, "'version' must be a positive whole number"));
                        }
                    }
                }
            }
            if (family == null || !FAMILY.matcher(family).matches()) {
                problems.add(new PolicyProblem(file, familyLine, null, "'family' is required: lower-case letters, digits and '-'"));
            }
            if (version == null) {
                problems.add(new PolicyProblem(file, 1, null, "'version' is required"));
            }
            if (ruleNodes.isEmpty()) {
                problems.add(new PolicyProblem(file, 1, null, "defines no rules"));
            }
            String policyVersion = family + "/" + version;
            for (int i = 0; i < ruleNodes.size(); i++) {
                if (ruleNodes.get(i) == null) {
                    problems.add(new PolicyProblem(file, ruleLines.get(i), null, "a rule must be a mapping"));
                } else {
                    rule(file, ruleLines.get(i), policyVersion, ruleNodes.get(i));
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(new PolicyProblem(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new PolicyProblem(file, 0, null, "cannot be read: " + e.getMessage()));
        }
    }

    /** The rules of every file read, or every problem found in them. */
    public List<RetentionRule> result() {
        if (rules.isEmpty() && problems.isEmpty()) {
            problems.add(new PolicyProblem("retention-policies", 0, null, "no policy files found"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidPoliciesException(problems);
        }
        return List.copyOf(rules);
    }

    public List<PolicyProblem> problems() {
        return List.copyOf(problems);
    }

    private void rule(String file, int ruleLine, String policyVersion, Map<String, Located> node) {
        String id = text(node, "id");
        int before = problems.size();
        for (String field : node.keySet()) {
            if (!RULE_FIELDS.contains(field)) {
                problems.add(new PolicyProblem(file, node.get(field).line(), id, "unknown field '" + field + "' (expected " + RULE_FIELDS + ")"));
            }
        }
        if (id == null || !RULE_ID.matcher(id).matches()) {
            problems.add(new PolicyProblem(file, lineOf(node, "id", ruleLine), id,
                    "'id' is required: capital letters, digits and '-', such as INS-87-SHORT"));
        } else if (byId.containsKey(id)) {
            RetentionRule first = byId.get(id);
            problems.add(new PolicyProblem(file, lineOf(node, "id", ruleLine), id,
                    "duplicate id, already defined in " + first.file() + ":" + first.line()));
        }
        String name = text(node, "name");
        if (name == null) {
            problems.add(new PolicyProblem(file, ruleLine, id, "'name' is required"));
        }
        String basis = text(node, "basis");
        if (basis == null) {
            problems.add(new PolicyProblem(file, ruleLine, id, "missing 'basis': cite the law or standard the rule rests on"));
        }
        Trigger trigger = enumValue(Trigger.class, node, "trigger", file, ruleLine, id);
        RuleAction action = enumValue(RuleAction.class, node, "action", file, ruleLine, id);
        Integer years = null;
        Located period = node.get("period");
        if (period == null) {
            problems.add(new PolicyProblem(file, ruleLine, id, "'period' is required: { years: N } or permanent"));
        } else if (!(period.value().isTextual() && period.value().asText().equals("permanent"))) {
            JsonNode count = period.value().path("years");
            boolean onlyYears = period.value().isObject() && period.value().size() == 1;
            if (!onlyYears || !count.isIntegralNumber() || count.asInt() < 1 || count.asInt() > 200) {
                problems.add(new PolicyProblem(file, period.line(), id,
                        "bad period " + period.value() + ": expected { years: N } with N from 1 to 200, or permanent"));
            } else {
                years = count.asInt();
            }
        }
        Set<String> categories = new LinkedHashSet<>();
        Set<DossierType> dossierTypes = new LinkedHashSet<>();
        Set<String> documentTypes = new LinkedHashSet<>();
        RetentionRule.Conditions conditions = RetentionRule.Conditions.NONE;
        Located covers = node.get("covers");
        if (covers == null || !covers.value().isObject()) {
            problems.add(new PolicyProblem(file, ruleLine, id, "'covers' is required: dossierTypes and/or documentTypes"));
        } else {
            JsonNode cover = covers.value();
            cover.fieldNames().forEachRemaining(field -> {
                if (!COVER_FIELDS.contains(field)) {
                    problems.add(new PolicyProblem(file, covers.line(), id, "covers: unknown field '" + field + "'"));
                }
            });
            for (String category : strings(cover.path("recordCategories"))) {
                if (!CATEGORIES.contains(category)) {
                    problems.add(new PolicyProblem(file, covers.line(), id, "unknown record category '" + category + "' (expected one of " + new java.util.TreeSet<>(CATEGORIES) + ")"));
                }
                categories.add(category);
            }
            for (String type : strings(cover.path("dossierTypes"))) {
                try {
                    dossierTypes.add(DossierType.valueOf(type));
                } catch (IllegalArgumentException e) {
                    problems.add(new PolicyProblem(file, covers.line(), id, "unknown dossier type '" + type + "' (expected one of " + Arrays.toString(DossierType.values()) + ")"));
                }
            }
            for (String type : strings(cover.path("documentTypes"))) {
                if (!DOCUMENT_TYPE.matcher(type).matches()) {
                    problems.add(new PolicyProblem(file, covers.line(), id, "document type '" + type + "' must be a code such as PAYMENT_VOUCHER"));
                }
                documentTypes.add(type);
            }
            if (dossierTypes.isEmpty() && documentTypes.isEmpty()) {
                problems.add(new PolicyProblem(file, covers.line(), id, "covers nothing: give dossierTypes or documentTypes"));
            }
            conditions = conditions(file, covers.line(), id, cover.path("conditions"));
        }
        if (problems.size() == before && trigger != null && action != null) {
            RetentionRule rule = new RetentionRule(id, name, policyVersion, file, ruleLine, Set.copyOf(categories),
                    Set.copyOf(dossierTypes), Set.copyOf(documentTypes), conditions, trigger, years, action, basis);
            rules.add(rule);
            byId.put(id, rule);
        } else if (id != null && !byId.containsKey(id)) {
            byId.put(id, new RetentionRule(id, name, policyVersion, file, ruleLine, Set.of(), Set.of(), Set.of(),
                    RetentionRule.Conditions.NONE, trigger, years, action, basis));
        }
    }

    private RetentionRule.Conditions conditions(String file, int line, String id, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return RetentionRule.Conditions.NONE;
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!CONDITION_FIELDS.contains(field)) {
                problems.add(new PolicyProblem(file, line, id, "conditions: unknown condition '" + field + "' (expected " + CONDITION_FIELDS + ")"));
            }
        });
        Integer max = null;
        Integer over = null;
        JsonNode term = node.path("policyTermYears");
        if (!term.isMissingNode()) {
            max = term.has("max") && term.get("max").isIntegralNumber() ? term.get("max").asInt() : null;
            over = term.has("over") && term.get("over").isIntegralNumber() ? term.get("over").asInt() : null;
            if ((max == null) == (over == null) || term.size() != 1) {
                problems.add(new PolicyProblem(file, line, id, "conditions.policyTermYears needs exactly one of { max: N } or { over: N }"));
            }
        }
        Boolean disputed = null;
        JsonNode dispute = node.path("disputed");
        if (!dispute.isMissingNode()) {
            if (!dispute.isBoolean()) {
                problems.add(new PolicyProblem(file, line, id, "conditions.disputed must be true or false"));
            } else {
                disputed = dispute.asBoolean();
            }
        }
        return new RetentionRule.Conditions(max, over, disputed);
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, Map<String, Located> node, String field, String file, int ruleLine, String id) {
        Located value = node.get(field);
        if (value == null || !value.value().isTextual()) {
            problems.add(new PolicyProblem(file, ruleLine, id, "'" + field + "' is required (one of " + Arrays.toString(type.getEnumConstants()) + ")"));
            return null;
        }
        try {
            return Enum.valueOf(type, value.value().asText());
        } catch (IllegalArgumentException e) {
            problems.add(new PolicyProblem(file, value.line(), id, "unknown " + field + " '" + value.value().asText()
                    + "' (expected one of " + Arrays.toString(type.getEnumConstants()) + ")"));
            return null;
        }
    }

    private Map<String, Located> fields(JsonParser parser) throws IOException {
        Map<String, Located> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int line = line(parser);
            parser.nextToken();
            fields.put(name, new Located(yaml.readTree(parser), line));
        }
        return fields;
    }

    private static String text(Map<String, Located> node, String field) {
        Located value = node.get(field);
        return value == null || !value.value().isValueNode() || value.value().isNull() || value.value().asText().isBlank()
                ? null : value.value().asText().trim();
    }

    private static int lineOf(Map<String, Located> node, String field, int fallback) {
        Located value = node.get(field);
        return value == null ? fallback : value.line();
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static int line(JsonParser parser) {
        return parser.getTokenLocation().getLineNr();
    }
}
