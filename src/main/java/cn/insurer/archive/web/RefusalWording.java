package cn.insurer.archive.web;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.SchemaWording;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Words the refused fields of a schema-driven form for a clerk: from the schema rule a value broke
 * and the kind of field it is (an amount, a date), instead of the validator's sentence about
 * properties, patterns and RFC 3339. A refusal that is no schema rule keeps the API's wording,
 * which is already written for people.
 */
final class RefusalWording {

    private final Locale locale;

    RefusalWording(Locale locale) {
        this.locale = locale;
    }

    /**
     * One sentence per refused field, in the form's order, then fields the form does not show;
     * of several errors on one field only the most telling one.
     */
    Map<String, String> byField(List<FieldError> errors, List<SchemaFields.Field> fields) {
        Map<String, FieldError> chosen = new LinkedHashMap<>();
        SchemaWording.mostTelling(errors).forEach(error -> chosen.put(error.field(), error));
        Map<String, String> sentences = new LinkedHashMap<>();
        for (SchemaFields.Field field : fields) {
            FieldError error = chosen.remove(field.name());
            if (error != null) {
                sentences.put(field.name(), sentence(error, field));
            }
        }
        chosen.forEach((name, error) -> sentences.put(name, sentence(error, null)));
        return sentences;
    }

    String sentence(FieldError error, SchemaFields.Field field) {
        if (field != null && field.kind() == SchemaFields.Kind.MONEY && SchemaWording.ruleOf(error).isPresent()) {
            return Messages.get(locale, "schema.rule.definition.money");
        }
        return SchemaWording.sentence(locale, error).orElseGet(() -> Messages.get(locale, error.messageKey(), error.args()));
    }
}
