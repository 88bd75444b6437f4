package cn.insurer.archive.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.dossier.DossierType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The new-dossier form follows the shipped JSON Schemas: their fields, labels, kinds and required marks. */
class SchemaFieldsTest {

    private static Map<String, SchemaFields.Field> fields(DossierType type) {
        SchemaFields schemaFields = new SchemaFields();
        schemaFields.load();
        return schemaFields.of(type).stream().collect(Collectors.toMap(SchemaFields.Field::name, Function.identity()));
    }

    @Test
    void aClaimAsksForItsSchemaFieldsWithChineseAndEnglishLabels() {
        Map<String, SchemaFields.Field> claim = fields(DossierType.CLAIM);
        SchemaFields.Field number = claim.get("claimNumber");
        assertTrue(number.required());
        assertEquals("赔案号", number.label(Locale.SIMPLIFIED_CHINESE));
        assertEquals("Claim number", number.label(Locale.ENGLISH));
        assertEquals(SchemaFields.Kind.DATE, claim.get("lossDate").kind());
        assertEquals(SchemaFields.Kind.MONEY, claim.get("claimAmount").kind());
        assertFalse(claim.get("claimAmount").required());
        assertEquals("f_metadata_vehiclePlate", claim.get("metadata.vehiclePlate").inputId());
        assertEquals(SchemaFields.Kind.FLAG, claim.get("metadata.disputed").kind());
    }

    @Test
    void referencedDefinitionsGiveLabelsAndChoices() {
        Map<String, SchemaFields.Field> underwriting = fields(DossierType.UNDERWRITING);
        SchemaFields.Field level = underwriting.get("securityLevel");
        assertEquals(SchemaFields.Kind.CHOICE, level.kind());
        assertEquals(List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL", "SECRET"), level.choices());
        assertEquals("险种", underwriting.get("productLine").label(Locale.SIMPLIFIED_CHINESE));
        assertTrue(underwriting.get("policyEnd").required());
    }

    @Test
    void whatTheFormSetsItselfIsNotAsked() {
        Map<String, SchemaFields.Field> claim = fields(DossierType.CLAIM);
        assertFalse(claim.containsKey("type"));
        assertFalse(claim.containsKey("businessKey"));
        assertFalse(claim.containsKey("metadata"));
    }

    @Test
    void aFieldTheTypeMustLeaveEmptyIsNotAsked() {
        Map<String, SchemaFields.Field> underwriting = fields(DossierType.UNDERWRITING);
        assertFalse(underwriting.containsKey("claimNumber") || underwriting.containsKey("lossDate"), underwriting.keySet().toString());
        Map<String, SchemaFields.Field> finance = fields(DossierType.FINANCE);
        assertTrue(finance.get("volumeNumber").required());
        assertEquals("会计年度", finance.get("fiscalYear").label(Locale.SIMPLIFIED_CHINESE));
        assertEquals(List.of("财务"), finance.get("productLine").choices());
        assertFalse(finance.containsKey("insured") || finance.containsKey("policyNumber") || finance.containsKey("claimAmount"),
                finance.keySet().toString());
    }
}
