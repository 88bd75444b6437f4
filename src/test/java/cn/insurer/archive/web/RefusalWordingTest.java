package cn.insurer.archive.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.problem.SchemaRule;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A refused new-dossier form speaks of its fields in a clerk's words, in Chinese and English. */
class RefusalWordingTest {

    private static final List<SchemaFields.Field> CLAIM = claimFields();

    private static List<SchemaFields.Field> claimFields() {
        SchemaFields fields = new SchemaFields();
        fields.load();
        return fields.of(DossierType.CLAIM);
    }

    private static RefusalWording wording(Locale locale) {
        return new RefusalWording(locale);
    }

    private static FieldError schema(String field, String keyword, String... arguments) {
        return new FieldError(field, "validation.schema", "/" + field + ": validator's own sentence",
                new SchemaRule(keyword, List.of(arguments)));
    }

    @Test
    void eachRuleHasAClerksSentence() {
        Map<String, String> zh = wording(Locale.SIMPLIFIED_CHINESE).byField(List.of(
                schema("lossDate", "format", "date", "", "2025-13-45"),
                schema("claimNumber", "pattern", "^[A-Za-z0-9][A-Za-z0-9_\\-/]{2,49}$"),
                schema("title", "maxLength", "500"),
                schema("securityLevel", "enum", "[PUBLIC, INTERNAL]"),
                schema("metadata.disputed", "type", "string", "boolean"),
                schema("metadata.vehiclePlate", "pattern", "^x$"),
                schema("productLine", "required", "productLine")), CLAIM);
        assertEquals("请填写有效日期，格式为 年-月-日，例如 2025-03-01。", zh.get("lossDate"));
        assertEquals("请填写 3 至 50 个字符（字母、数字、下划线、连字符或斜杠），以字母或数字开头，例如 CL2025-0001。", zh.get("claimNumber"));
        assertEquals("最多 500 个字符。", zh.get("title"));
        assertEquals("请从列表中选择。", zh.get("securityLevel"));
        assertEquals("请选择是或否。", zh.get("metadata.disputed"));
        assertEquals("请填写车牌号：省份简称、一个大写字母和 5 至 6 位大写字母或数字，例如 沪A12345。", zh.get("metadata.vehiclePlate"));
        assertEquals("必填。", zh.get("productLine"));

        Map<String, String> en = wording(Locale.ENGLISH).byField(List.of(schema("claimNumber", "required", "claimNumber"),
                schema("lossDate", "format", "date")), CLAIM);
        assertEquals("Required.", en.get("claimNumber"));
        assertEquals("Enter a valid date as year-month-day, for example 2025-03-01.", en.get("lossDate"));
    }

    @Test
    void fieldsComeInTheFormsOrderWithTheirMostTellingError() {
        Map<String, String> zh = wording(Locale.SIMPLIFIED_CHINESE).byField(List.of(
                schema("lossDate", "format", "date"),
                schema("department", "required", "department"),
                schema("claimNumber", "required", "claimNumber"),
                schema("claimAmount", "oneOf", "0", ""),
                schema("claimAmount", "pattern", "^(0|[1-9][0-9]{0,15})(\\.[0-9]{1,2})?$"),
                schema("claimAmount", "type", "string", "number")), CLAIM);
        assertEquals(List.of("claimNumber", "department", "lossDate", "claimAmount"), List.copyOf(zh.keySet()));
        assertEquals("请填写不小于 0 的金额，最多两位小数，例如 8600.00。", zh.get("claimAmount"));
    }

    @Test
    void refusalsThatAreNoSchemaRuleKeepTheApisWords() {
        Map<String, String> zh = wording(Locale.SIMPLIFIED_CHINESE).byField(List.of(
                new FieldError("policyEnd", "validation.policy.term"),
                schema("metadata.extra", "additionalProperties", "extra")), CLAIM);
        assertEquals("保险止期早于保险起期。", zh.get("policyEnd"));
        assertEquals("validator's own sentence", zh.get("metadata.extra"));
    }
}
