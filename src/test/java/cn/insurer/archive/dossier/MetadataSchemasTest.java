package cn.insurer.archive.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.SchemaRule;
import cn.insurer.archive.problem.Messages;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A schema violation keeps the validator's sentence for the API and carries the rule it broke, so
 * the desk can word it for a clerk.
 */
class MetadataSchemasTest {

    private static List<FieldError> violations(String json) throws Exception {
        MetadataSchemas schemas = new MetadataSchemas();
        schemas.load();
        return schemas.violations(DossierType.CLAIM, new ObjectMapper().readTree(json), Locale.SIMPLIFIED_CHINESE);
    }

    private static FieldError of(List<FieldError> errors, String field, String keyword) {
        return errors.stream().filter(error -> error.field().equals(field) && ((SchemaRule) error.args()[1]).keyword().equals(keyword))
                .findFirst().orElseThrow(() -> new AssertionError(field + "/" + keyword + " in " + errors));
    }

    @Test
    void eachViolationCarriesItsRuleBesideTheValidatorsSentence() throws Exception {
        List<FieldError> errors = violations("{\"type\":\"CLAIM\",\"lossDate\":\"2025-13-45\",\"title\":\"" + "题".repeat(501) + "\"}");

        FieldError required = of(errors, "claimNumber", "required");
        assertEquals("validation.schema", required.messageKey());
        assertEquals(new SchemaRule("required", List.of("claimNumber")), required.args()[1]);
        FieldError date = of(errors, "lossDate", "format");
        assertEquals("date", ((SchemaRule) date.args()[1]).argument(0));
        assertEquals("500", ((SchemaRule) of(errors, "title", "maxLength").args()[1]).argument(0));
    }

    @Test
    void aRuleOfADefinitionNamesTheKindOfValue() throws Exception {
        List<FieldError> errors = violations("{\"type\":\"CLAIM\",\"claimAmount\":\"十八元\"}");

        assertEquals("money", ((SchemaRule) of(errors, "claimAmount", "oneOf").args()[1]).definition(), errors::toString);
        assertEquals(null, ((SchemaRule) of(errors, "claimNumber", "required").args()[1]).definition());
    }

    @Test
    void theApiStillShowsTheValidatorsSentenceAlone() throws Exception {
        FieldError date = of(violations("{\"type\":\"CLAIM\",\"lossDate\":\"2025-13-45\"}"), "lossDate", "format");
        String shown = Messages.get(Locale.SIMPLIFIED_CHINESE, date.messageKey(), date.args());
        assertEquals(date.args()[0], shown);
        assertTrue(shown.contains("RFC 3339"), shown);
    }
}
