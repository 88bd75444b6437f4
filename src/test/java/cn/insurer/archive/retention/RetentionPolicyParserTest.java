package cn.insurer.archive.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPolicyParserTest {

    private static final String GOOD = """
            family: sample
            version: 2
            rules:
              - id: GOOD-RULE
                name: sample
                covers:
                  dossierTypes: [CLAIM]
                trigger: CLAIM_CLOSED
                period: { years: 5 }
                action: REVIEW
                basis: 某法第一条
            """;

    private static InvalidPoliciesException invalid(String file, String yaml) {
        RetentionPolicyParser parser = new RetentionPolicyParser();
        parser.read(file, stream(yaml));
        return assertThrows(InvalidPoliciesException.class, parser::result);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theShippedPoliciesAreValid() throws IOException {
        RetentionPolicyParser parser = new RetentionPolicyParser();
        for (String file : List.of("accounting.yaml", "insurance-business.yaml")) {
            try (InputStream in = Files.newInputStream(Path.of("retention-policies", file))) {
                parser.read(file, in);
            }
        }
        List<RetentionRule> rules = parser.result();
        RetentionRule voucher = rules.stream().filter(rule -> rule.id().equals("ACC-VOUCHER")).findFirst().orElseThrow();
        assertEquals(30, voucher.years());
        assertEquals("accounting/2", voucher.policyVersion());
        assertTrue(voucher.basis().contains("会计档案管理办法"));
        assertTrue(rules.stream().anyMatch(rule -> rule.id().equals("ACC-PERMANENT") && rule.permanent()));
    }

    @Test
    void aGoodFileGivesItsRules() {
        RetentionPolicyParser parser = new RetentionPolicyParser();
        parser.read("good.yaml", stream(GOOD));
        RetentionRule rule = parser.result().get(0);
        assertEquals("GOOD-RULE", rule.id());
        assertEquals("sample/2", rule.policyVersion());
        assertEquals(4, rule.line());
    }

    @Test
    void aBadPeriodIsNamedWithFileLineAndRule() {
        InvalidPoliciesException e = invalid("bad.yaml", GOOD.replace("{ years: 5 }", "{ years: -3 }"));
        assertEquals(1, e.problems().size(), e::getMessage);
        PolicyProblem problem = e.problems().get(0);
        assertEquals("bad.yaml", problem.file());
        assertEquals(9, problem.line());
        assertEquals("GOOD-RULE", problem.ruleId());
        assertTrue(e.getMessage().contains("bad.yaml:9: rule GOOD-RULE: bad period"), e::getMessage);
    }

    @Test
    void aPeriodInMonthsIsRefused() {
        InvalidPoliciesException e = invalid("bad.yaml", GOOD.replace("{ years: 5 }", "{ months: 6 }"));
        assertTrue(e.getMessage().contains("bad period"), e::getMessage);
    }

    @Test
    void anUnknownTriggerIsRefused() {
        InvalidPoliciesException e = invalid("trigger.yaml", GOOD.replace("trigger: CLAIM_CLOSED", "trigger: UPLOADED"));
        assertTrue(e.getMessage().contains("trigger.yaml:8: rule GOOD-RULE: unknown trigger 'UPLOADED'"), e::getMessage);
    }

    @Test
    void aDuplicateIdAcrossFilesNamesBothPlaces() {
        RetentionPolicyParser parser = new RetentionPolicyParser();
        parser.read("first.yaml", stream(GOOD));
        parser.read("second.yaml", stream(GOOD.replace("family: sample", "family: other")));
        InvalidPoliciesException e = assertThrows(InvalidPoliciesException.class, parser::result);
        assertTrue(e.getMessage().contains("second.yaml:4: rule GOOD-RULE: duplicate id, already defined in first.yaml:4"),
                e::getMessage);
    }

    @Test
    void aMissingBasisIsRefused() {
        InvalidPoliciesException e = invalid("basis.yaml", GOOD.replace("    basis: 某法第一条\n", ""));
        assertTrue(e.getMessage().contains("basis.yaml:4: rule GOOD-RULE: missing 'basis'"), e::getMessage);
    }

    @Test
    void brokenYamlAndUnknownFieldsAreReported() {
        assertTrue(invalid("broken.yaml", "family: [unclosed\n").getMessage().contains("broken.yaml:"));
        InvalidPoliciesException e = invalid("typo.yaml", GOOD.replace("action: REVIEW", "action: REVIEW\n    perod: 3"));
        assertTrue(e.getMessage().contains("unknown field 'perod'"), e::getMessage);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidPoliciesException e = invalid("many.yaml", GOOD.replace("trigger: CLAIM_CLOSED", "trigger: NEVER")
                .replace("{ years: 5 }", "forever").replace("    basis: 某法第一条\n", ""));
        assertEquals(3, e.problems().size(), e::getMessage);
    }
}
