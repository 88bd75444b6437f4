package cn.insurer.archive.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.dossier.BusinessEvent;
import cn.insurer.archive.dossier.DossierType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetentionCalculatorTest {

    private static RetentionCalculator calculator;

    @BeforeAll
    static void load() throws IOException {
        RetentionPolicyParser parser = new RetentionPolicyParser();
        for (String file : List.of("accounting.yaml", "insurance-business.yaml")) {
            try (InputStream in = Files.newInputStream(Path.of("retention-policies", file))) {
                parser.read(file, in);
            }
        }
        calculator = new RetentionCalculator(parser.result());
    }

    private static final LocalDate SEALED = LocalDate.parse("2016-02-01");

    private static RetentionSubject.Event event(BusinessEvent event, String date) {
        return new RetentionSubject.Event(event, LocalDate.parse(date));
    }

    private static RetentionSubject.Document document(String type, String date) {
        return new RetentionSubject.Document(type, LocalDate.parse(date));
    }

    private static RetentionSubject policy(String start, String end, List<RetentionSubject.Event> events,
                                           List<RetentionSubject.Document> documents) {
        return new RetentionSubject(DossierType.UNDERWRITING, LocalDate.parse(start), LocalDate.parse(end), SEALED, events, documents);
    }

    @Test
    void aOneYearPolicyIsKeptFiveYearsFromTermination() {
        RetentionDecision decision = calculator.decide(policy("2014-01-01", "2014-12-31",
                List.of(event(BusinessEvent.POLICY_TERMINATED, "2014-12-31")), List.of()));
        assertEquals("INS-87-SHORT", decision.ruleId());
        assertEquals("insurance-business/2", decision.policyVersion());
        assertEquals(LocalDate.parse("2014-12-31"), decision.triggerDate());
        assertEquals(LocalDate.parse("2019-12-31"), decision.dispositionDate());
        assertEquals(RetentionDecision.State.SCHEDULED, decision.state());
    }

    @Test
    void aLongerPolicyIsKeptTenYears() {
        RetentionDecision decision = calculator.decide(policy("2010-01-01", "2014-12-31",
                List.of(event(BusinessEvent.POLICY_TERMINATED, "2015-03-01")), List.of()));
        assertEquals("INS-87-LONG", decision.ruleId());
        assertEquals(LocalDate.parse("2025-03-01"), decision.dispositionDate());
    }

    @Test
    void withoutItsTriggerADossierIsPending() {
        RetentionDecision decision = calculator.decide(policy("2014-01-01", "2014-12-31", List.of(), List.of()));
        assertEquals(RetentionDecision.State.PENDING_TRIGGER, decision.state());
        assertEquals(Trigger.POLICY_TERMINATED, decision.trigger());
        assertNull(decision.dispositionDate());
    }

    @Test
    void aClaimWaitsForTheLaterOfItsTriggersAndTheLongestWins() {
        RetentionSubject claim = new RetentionSubject(DossierType.CLAIM, null, null, SEALED,
                List.of(event(BusinessEvent.CLAIM_CLOSED, "2015-06-30")), List.of());
        assertEquals(RetentionDecision.State.PENDING_TRIGGER, calculator.decide(claim).state());
        RetentionSubject terminated = new RetentionSubject(DossierType.CLAIM, null, null, SEALED,
                List.of(event(BusinessEvent.CLAIM_CLOSED, "2015-06-30"), event(BusinessEvent.POLICY_TERMINATED, "2014-12-31")),
                List.of());
        RetentionDecision decision = calculator.decide(terminated);
        assertEquals("INS-87-LONG", decision.ruleId(), "an unknown term must not shorten retention");
        assertEquals(LocalDate.parse("2024-12-31"), decision.dispositionDate());
    }

    @Test
    void aPaymentVoucherKeepsAClaimThirtyYearsFromItsFiscalYearEnd() {
        RetentionSubject claim = new RetentionSubject(DossierType.CLAIM, null, null, SEALED,
                List.of(event(BusinessEvent.CLAIM_CLOSED, "2015-06-30"), event(BusinessEvent.POLICY_TERMINATED, "2014-12-31")),
                List.of(document("SURVEY_REPORT", "2015-03-01"), document("PAYMENT_VOUCHER", "2015-07-05")));
        RetentionDecision decision = calculator.decide(claim);
        assertEquals("ACC-VOUCHER", decision.ruleId());
        assertEquals(LocalDate.parse("2015-12-31"), decision.triggerDate());
        assertEquals(LocalDate.parse("2046-01-01"), decision.dispositionDate());
    }

    @Test
    void aDisputedRecordingWaitsForTheDisputeToEndThenTwoYears() {
        List<RetentionSubject.Document> recording = List.of(document("SALES_RECORDING", "2010-01-01"));
        RetentionSubject open = policy("2010-01-01", "2010-12-31", List.of(event(BusinessEvent.POLICY_TERMINATED, "2010-12-31"),
                event(BusinessEvent.DISPUTE_OPENED, "2019-05-01")), recording);
        assertEquals(RetentionDecision.State.PENDING_TRIGGER, calculator.decide(open).state());
        RetentionSubject closed = policy("2010-01-01", "2010-12-31", List.of(event(BusinessEvent.POLICY_TERMINATED, "2010-12-31"),
                event(BusinessEvent.DISPUTE_OPENED, "2019-05-01"), event(BusinessEvent.DISPUTE_CLOSED, "2021-03-15")), recording);
        RetentionDecision decision = calculator.decide(closed);
        assertEquals("SALES-RECORDING-DISPUTE", decision.ruleId());
        assertEquals(LocalDate.parse("2023-03-15"), decision.dispositionDate());
    }

    @Test
    void aClaimUnderDisputeIsNeverDueUntilTheDisputeHasBeenClosedForTwoYears() {
        List<RetentionSubject.Event> closedLongAgo = List.of(event(BusinessEvent.POLICY_TERMINATED, "2010-12-31"),
                event(BusinessEvent.CLAIM_CLOSED, "2011-06-30"));
        RetentionSubject undisputed = claim(closedLongAgo);
        assertEquals(RetentionDecision.State.SCHEDULED, calculator.decide(undisputed).state());

        List<RetentionSubject.Event> opened = new ArrayList<>(closedLongAgo);
        opened.add(event(BusinessEvent.DISPUTE_OPENED, "2024-03-01"));
        RetentionDecision frozen = calculator.decide(claim(opened));
        assertEquals(RetentionDecision.State.PENDING_TRIGGER, frozen.state());
        assertEquals("DISPUTE-FREEZE", frozen.ruleId());
        assertNull(frozen.dispositionDate());

        List<RetentionSubject.Event> closed = new ArrayList<>(opened);
        closed.add(event(BusinessEvent.DISPUTE_CLOSED, "2025-06-30"));
        RetentionDecision extended = calculator.decide(claim(closed));
        assertEquals("DISPUTE-FREEZE", extended.ruleId());
        assertEquals(LocalDate.parse("2027-06-30"), extended.dispositionDate(), "two years after the dispute ended");

        List<RetentionSubject.Event> reopened = new ArrayList<>(closed);
        reopened.add(event(BusinessEvent.DISPUTE_OPENED, "2026-01-10"));
        assertEquals(RetentionDecision.State.PENDING_TRIGGER, calculator.decide(claim(reopened)).state(),
                "a dispute opened again freezes the dossier again");
    }

    @Test
    void aDisputeLongOverDoesNotShortenTheLongerRule() {
        RetentionDecision decision = calculator.decide(policy("2010-01-01", "2014-12-31", List.of(
                event(BusinessEvent.POLICY_TERMINATED, "2015-03-01"), event(BusinessEvent.DISPUTE_OPENED, "2015-05-01"),
                event(BusinessEvent.DISPUTE_CLOSED, "2016-01-15")), List.of()));
        assertEquals("INS-87-LONG", decision.ruleId());
        assertEquals(LocalDate.parse("2025-03-01"), decision.dispositionDate());
    }

    private static RetentionSubject claim(List<RetentionSubject.Event> events) {
        return new RetentionSubject(DossierType.CLAIM, LocalDate.parse("2010-01-01"), LocalDate.parse("2010-12-31"), SEALED, events,
                List.of());
    }

    @Test
    void aPermanentItemMakesTheDossierPermanent() {
        RetentionDecision decision = calculator.decide(policy("2014-01-01", "2014-12-31",
                List.of(event(BusinessEvent.POLICY_TERMINATED, "2014-12-31")), List.of(document("APPRAISAL_OPINION", "2014-05-05"))));
        assertEquals(RetentionDecision.State.PERMANENT, decision.state());
        assertEquals("ACC-PERMANENT", decision.ruleId());
    }

    @Test
    void anOpenDossierHasItsDateButIsNeverDue() {
        List<RetentionSubject.Event> closed = List.of(event(BusinessEvent.POLICY_TERMINATED, "2010-12-31"),
                event(BusinessEvent.CLAIM_CLOSED, "2011-06-30"));
        RetentionSubject open = new RetentionSubject(DossierType.CLAIM, LocalDate.parse("2010-01-01"), LocalDate.parse("2010-12-31"),
                null, closed, List.of());
        RetentionDecision waiting = calculator.decide(open);
        assertEquals(RetentionDecision.State.AWAITING_SEAL, waiting.state());
        assertEquals(calculator.decide(claim(closed)).dispositionDate(), waiting.dispositionDate(), "the date is the sealed one's");
        assertFalse(waiting.dueOn(LocalDate.parse("2099-01-01")), "an open dossier is never due");
        assertTrue(calculator.decide(claim(closed)).dueOn(LocalDate.parse("2099-01-01")));
        RetentionSubject openPermanent = new RetentionSubject(DossierType.UNDERWRITING, LocalDate.parse("2014-01-01"),
                LocalDate.parse("2014-12-31"), null, List.of(), List.of(document("APPRAISAL_OPINION", "2014-05-05")));
        assertEquals(RetentionDecision.State.PERMANENT, calculator.decide(openPermanent).state());
    }

    @Test
    void theLongestPeriodOfTheCoveringRulesIsWhatTheArchivalCodeStates() {
        assertEquals(5, calculator.longestPeriod(policy("2014-01-01", "2014-12-31", List.of(), List.of())).orElseThrow().years(),
                "a one-year policy: 5 years, whether or not it has ended");
        assertEquals(10, calculator.longestPeriod(policy("2010-01-01", "2014-12-31", List.of(), List.of())).orElseThrow().years());
        RetentionSubject claimWithVoucher = new RetentionSubject(DossierType.CLAIM, LocalDate.parse("2014-01-01"),
                LocalDate.parse("2014-12-31"), null, List.of(), List.of(document("PAYMENT_VOUCHER", "2015-07-05")));
        assertEquals("ACC-VOUCHER", calculator.longestPeriod(claimWithVoucher).orElseThrow().id());
        assertTrue(calculator.longestPeriod(policy("2014-01-01", "2014-12-31", List.of(),
                List.of(document("APPRAISAL_OPINION", "2014-05-05")))).orElseThrow().permanent());
    }

    @Test
    void aRuleNamingRecordCategoriesCoversOnlyDossiersOfThoseCategories() {
        List<RetentionSubject.Document> ledger = List.of(document("GENERAL_LEDGER", "2016-12-31"));
        RetentionSubject finance = new RetentionSubject(DossierType.FINANCE, null, null, SEALED, List.of(), ledger);
        RetentionDecision kept = calculator.decide(finance);
        assertEquals("ACC-LEDGER", kept.ruleId());
        assertEquals(LocalDate.parse("2047-01-01"), kept.dispositionDate());
        assertEquals(30, calculator.longestPeriod(finance).orElseThrow().years());

        RetentionSubject claim = new RetentionSubject(DossierType.CLAIM, null, null, SEALED,
                List.of(event(BusinessEvent.CLAIM_CLOSED, "2015-06-30"), event(BusinessEvent.POLICY_TERMINATED, "2014-12-31")), ledger);
        assertEquals("INS-87-LONG", calculator.decide(claim).ruleId(), "ACC-LEDGER covers FINANCE records only, as written");
    }
}
