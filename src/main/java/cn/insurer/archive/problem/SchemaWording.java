package cn.insurer.archive.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A broken schema rule in the words of the person who filled the field: from the rule and the kind
 * of value (an amount, a date) instead of the validator's sentence about properties, patterns and
 * RFC 3339. One home for the new-dossier form, the import's row errors and every other sentence
 * about a refused field ({@link Messages#fieldProblem}).
 */
public final class SchemaWording {

    /** When a value breaks several rules, the one to fix first: an absent value before a malformed one. */
    private static final List<String> PRECEDENCE = List.of("required", "format", "type", "pattern", "enum", "const",
            "minLength", "maxLength", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum");
    /** The validator starts its sentences with the JSON location ("/lossDate: ..."). */
    private static final Pattern LOCATION = Pattern.compile("^[$/\\w.]*:\\s*");

    private SchemaWording() {
    }

    /** The sentence for {@code error}, or empty when it is no schema rule (those are worded by their own message key). */
    public static Optional<String> sentence(Locale locale, FieldError error) {
        Optional<SchemaRule> found = ruleOf(error);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SchemaRule rule = found.get();
        for (String key : keys(rule, error.field())) {
            Optional<String> worded = Messages.find(locale, key, rule.argument(0));
            if (worded.isPresent()) {
                return worded;
            }
        }
        Object[] args = error.args();
        return Optional.of(LOCATION.matcher(String.valueOf(args == null || args.length == 0 ? "" : args[0])).replaceFirst(""));
    }

    /**
     * One error per field, in the order the fields first appear: of several errors on one field the
     * one to fix first (an amount that is neither a number nor a pattern-matching string breaks
     * three rules; the person is told one thing).
     */
    public static List<FieldError> mostTelling(List<FieldError> errors) {
        Map<String, FieldError> chosen = new LinkedHashMap<>();
        errors.forEach(error -> chosen.merge(error.field(), error, (one, other) -> rank(other) < rank(one) ? other : one));
        return List.copyOf(chosen.values());
    }

    private static int rank(FieldError error) {
        SchemaRule rule = ruleOf(error).orElse(null);
        int index = rule == null ? -1 : PRECEDENCE.indexOf(rule.keyword());
        // Cross-field rules (a term ending before it starts) come after the field's own schema rules.
        return rule == null ? PRECEDENCE.size() : index < 0 ? PRECEDENCE.size() + 1 : index;
    }

    /** The schema rule {@code error} reports, if it is a schema violation. */
    public static Optional<SchemaRule> ruleOf(FieldError error) {
        Object[] args = error.args();
        return args != null && args.length > 1 && args[1] instanceof SchemaRule rule ? Optional.of(rule) : Optional.empty();
    }

    /** The message keys that may word {@code rule}, the most particular first. */
    private static List<String> keys(SchemaRule rule, String field) {
        List<String> keys = new ArrayList<>();
        if (rule.definition() != null && !"required".equals(rule.keyword())) {
            keys.add("schema.rule.definition." + rule.definition());
        }
        switch (rule.keyword()) {
            case "required" -> keys.add("schema.rule.required");
            case "format" -> keys.add("date".equals(rule.argument(0)) ? "schema.rule.date" : "schema.rule.format");
            case "pattern" -> {
                keys.add("schema.rule.pattern." + field);
                keys.add("schema.rule.pattern");
            }
            case "type" -> {
                keys.add("schema.rule.type." + rule.argument(1));
                keys.add("schema.rule.type");
            }
            case "enum", "const" -> keys.add("schema.rule.enum");
            case "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
                    keys.add("schema.rule." + rule.keyword());
            default -> {
                // Other keywords keep the validator's sentence, without its JSON location.
            }
        }
        return keys;
    }
}
