package cn.insurer.archive.web;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.dossier.SchemaRule;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/**
 * Words the refused fields of a schema-driven form for a clerk: from the schema rule a value broke
 * and the kind of field it is (an amount, a date), instead of the validator's sentence about
 * properties, patterns and RFC 3339. A refusal that is no schema rule keeps the API's wording,
 * which is already written for people.
 */
final class RefusalWording {

    /** When a value breaks several rules, the one to fix first: an absent value before a malformed one. */
    private static final List<String> PRECEDENCE = List.of("required", "format", "type", "pattern", "enum", "const",
            "minLength", "maxLength", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum");
    /** The validator starts its sentences with the JSON location ("/lossDate: ..."). */
    private static final Pattern LOCATION = Pattern.compile("^[$/\\w.]*:\\s*");

    private final ResourceBundle bundle;
    private final Locale locale;

    RefusalWording(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /**
     * One sentence per refused field, in the form's order, then fields the form does not show;
     * of several errors on one field only the most telling one.
     */
    Map<String, String> byField(List<FieldError> errors, List<SchemaFields.Field> fields) {
        Map<String, FieldError> chosen = new HashMap<>();
        errors.forEach(error -> chosen.merge(error.field(), error, RefusalWording::first));
        Map<String, String> sentences = new LinkedHashMap<>();
        for (SchemaFields.Field field : fields) {
            FieldError error = chosen.remove(field.name());
            if (error != null) {
                sentences.put(field.name(), sentence(error, field));
            }
        }
        errors.stream().map(FieldError::field).distinct().filter(chosen::containsKey)
                .forEach(name -> sentences.put(name, sentence(chosen.get(name), null)));
        return sentences;
    }

    String sentence(FieldError error, SchemaFields.Field field) {
        SchemaRule rule = ruleOf(error);
        if (rule == null) {
            return Messages.get(locale, error.messageKey(), error.args());
        }
        if (field != null && field.kind() == SchemaFields.Kind.MONEY) {
            return text("form.error.money").orElseThrow();
        }
        Optional<String> worded = switch (rule.keyword()) {
            case "required" -> text("form.error.required");
            case "format" -> text("date".equals(rule.argument(0)) ? "form.error.date" : "form.error.format");
            case "pattern" -> text("form.error.pattern." + error.field()).or(() -> text("form.error.pattern"));
            case "type" -> text("form.error.type." + rule.argument(1)).or(() -> text("form.error.type"));
            case "enum", "const" -> text("form.error.enum");
            case "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
                    text("form.error." + rule.keyword(), rule.argument(0));
            default -> Optional.empty();
        };
        return worded.orElseGet(() -> LOCATION.matcher(String.valueOf(error.args()[0])).replaceFirst(""));
    }

    private static SchemaRule ruleOf(FieldError error) {
        Object[] args = error.args();
        return args != null && args.length > 1 && args[1] instanceof SchemaRule rule ? rule : null;
    }

    private static FieldError first(FieldError one, FieldError other) {
        return rank(other) < rank(one) ? other : one;
    }

    private static int rank(FieldError error) {
        SchemaRule rule = ruleOf(error);
        int index = rule == null ? -1 : PRECEDENCE.indexOf(rule.keyword());
        // Cross-field rules (a term ending before it starts) come after the field's own schema rules.
        return rule == null ? PRECEDENCE.size() : index < 0 ? PRECEDENCE.size() + 1 : index;
    }

    private Optional<String> text(String key, Object... args) {
        try {
            String pattern = bundle.getString(key);
            return Optional.of(args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args));
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }
}
