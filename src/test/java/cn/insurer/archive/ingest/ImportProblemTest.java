package cn.insurer.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.problem.SchemaRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refused import row tells the clerk which fields to fix in the words of the new-dossier form, never the validator's. */
class ImportProblemTest {

    private static FieldError schema(String field, String sentence, SchemaRule rule) {
        return new FieldError(field, "validation.schema", sentence, rule);
    }

    @Test
    void schemaRefusalsAreWordedForPeopleOneSentenceAField() {
        ProblemException refused = ProblemException.badFields(List.of(
                schema("lossDate", "/lossDate: does not match the date pattern must be a valid RFC 3339 full-date",
                        new SchemaRule("format", List.of("date", "2025/13/45"))),
                schema("claimAmount", "/claimAmount: must be valid to one and only one schema, but 0 are valid",
                        new SchemaRule("oneOf", List.of("0", ""), "money")),
                schema("claimAmount", "/claimAmount: string found, number expected", new SchemaRule("type", List.of("string", "number"), "money")),
                schema("productLine", "$: required property 'productLine' not found", new SchemaRule("required", List.of("productLine")))));

        ImportProblem problem = ImportProblem.of(4, "a/查勘报告.pdf", refused);

        assertEquals("出险日期：请填写有效日期，格式为 年-月-日，例如 2025-03-01。"
                + "索赔金额：请填写不小于 0 的金额，最多两位小数，例如 8600.00。险种：必填。", problem.chinese());
        assertEquals("Date of loss: Enter a valid date as year-month-day, for example 2025-03-01. "
                + "Claim amount: Enter an amount of 0 or more with at most two decimals, for example 8600.00. "
                + "Product line: Required.", problem.english());
    }

    @Test
    void otherRefusalsKeepTheirOwnWords() {
        ProblemException refused = ProblemException.badFields(List.of(new FieldError("policyEnd", "validation.policy.term")));

        assertEquals("保险止期：保险止期早于保险起期。", ImportProblem.of(2, "b.pdf", refused).chinese());
    }
}
