package cn.insurer.archive.retention;

import cn.insurer.archive.dossier.BusinessEvent;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides a dossier's retention from its rules. Every rule that covers the dossier or one of its
 * items gives a date; the longest wins, a permanent rule beats any period, and a rule whose trigger
 * has not happened yet leaves the whole dossier pending, since that rule may still outlast the others.
 * A dossier still open is never due, however old its events.
 */
public final class RetentionCalculator {

    private static final MonthDay FISCAL_YEAR_END = MonthDay.of(12, 31);

    private final List<RetentionRule> rules;

    public RetentionCalculator(List<RetentionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public RetentionDecision decide(RetentionSubject subject) {
        List<Candidate> candidates = new ArrayList<>();
        forEachCovering(subject, (rule, matching) -> candidates.add(candidate(rule, triggerDate(rule.trigger(), subject, matching))));
        if (candidates.isEmpty()) {
            return new RetentionDecision(RetentionDecision.UNCLASSIFIED, "-", Trigger.SEALED, null, null,
                    RetentionDecision.State.PENDING_TRIGGER, RuleAction.REVIEW);
        }
        Optional<Candidate> permanent = candidates.stream().filter(c -> c.rule().permanent()).findFirst();
        if (permanent.isPresent()) {
            return permanent.get().decision(RetentionDecision.State.PERMANENT);
        }
        Optional<Candidate> pending = candidates.stream().filter(c -> c.triggerDate() == null).findFirst();
        if (pending.isPresent()) {
            return pending.get().decision(RetentionDecision.State.PENDING_TRIGGER);
        }
        RetentionDecision scheduled = candidates.stream().max(Comparator.comparing(Candidate::dispositionDate)).orElseThrow()
                .decision(RetentionDecision.State.SCHEDULED);
        RetentionDecision decided = keptLonger(scheduled, subject.keptUntil());
        return subject.sealedOn() == null ? decided.awaitingSeal() : decided;
    }

    /**
     * The longest period any rule covering the dossier gives, whether or not its trigger has come:
     * the period its archival code states (DA/T 22 保管期限). A permanent rule beats every period.
     */
    public Optional<RetentionRule> longestPeriod(RetentionSubject subject) {
        List<RetentionRule> covering = new ArrayList<>();
        forEachCovering(subject, (rule, matching) -> covering.add(rule));
        return covering.stream().max(Comparator.comparing((RetentionRule rule) -> rule.permanent())
                .thenComparing(rule -> rule.permanent() ? 0 : rule.years()));
    }

    /** Each rule whose conditions hold and that covers the dossier, with the items it covers it through. */
    private void forEachCovering(RetentionSubject subject,
                                 java.util.function.BiConsumer<RetentionRule, List<RetentionSubject.Document>> action) {
        for (RetentionRule rule : rules) {
            if (!conditionsHold(rule.conditions(), subject)) {
                continue;
            }
            if (!rule.recordCategories().isEmpty() && !rule.recordCategories().contains(subject.type().recordCategory())) {
                continue;
            }
            if (rule.coversDocuments()) {
                List<RetentionSubject.Document> matching = subject.documents().stream()
                        .filter(document -> rule.documentTypes().contains(document.documentType())).toList();
                if (!matching.isEmpty()) {
                    action.accept(rule, matching);
                }
            } else if (rule.dossierTypes().contains(subject.type())) {
                action.accept(rule, List.of());
            }
        }
    }

    /** An appraisal's review date delays the disposition; it never brings it forward. */
    private static RetentionDecision keptLonger(RetentionDecision decision, LocalDate keptUntil) {
        if (keptUntil == null || !keptUntil.isAfter(decision.dispositionDate())) {
            return decision;
        }
        return new RetentionDecision(decision.ruleId(), decision.policyVersion(), decision.trigger(), decision.triggerDate(),
                keptUntil, decision.state(), decision.action());
    }

    private record Candidate(RetentionRule rule, LocalDate triggerDate, LocalDate dispositionDate) {

        RetentionDecision decision(RetentionDecision.State state) {
            return new RetentionDecision(rule.id(), rule.policyVersion(), rule.trigger(),
                    state == RetentionDecision.State.PENDING_TRIGGER ? null : triggerDate,
                    state == RetentionDecision.State.SCHEDULED ? dispositionDate : null, state, rule.action());
        }
    }

    private static Candidate candidate(RetentionRule rule, LocalDate triggerDate) {
        if (triggerDate == null || rule.permanent()) {
            return new Candidate(rule, triggerDate, null);
        }
        // Accounting periods run from the day after the fiscal year ends (会计档案管理办法 art. 14).
        LocalDate start = rule.trigger() == Trigger.FISCAL_YEAR_END ? triggerDate.plusDays(1) : triggerDate;
        return new Candidate(rule, triggerDate, start.plusYears(rule.years()));
    }

    private static LocalDate triggerDate(Trigger trigger, RetentionSubject subject, List<RetentionSubject.Document> documents) {
        return switch (trigger) {
            case POLICY_TERMINATED -> last(subject, BusinessEvent.POLICY_TERMINATED);
            case CLAIM_CLOSED -> last(subject, BusinessEvent.CLAIM_CLOSED);
            case DISPUTE_CLOSED -> disputeClosed(subject);
            case SEALED -> subject.sealedOn();
            case FISCAL_YEAR_END -> fiscalYearEnd(subject, documents);
        };
    }

    /** Reopened disputes restart the wait: only a closure after the last opening counts. */
    private static LocalDate disputeClosed(RetentionSubject subject) {
        LocalDate opened = last(subject, BusinessEvent.DISPUTE_OPENED);
        LocalDate closed = last(subject, BusinessEvent.DISPUTE_CLOSED);
        return closed == null || (opened != null && opened.isAfter(closed)) ? null : closed;
    }

    private static LocalDate fiscalYearEnd(RetentionSubject subject, List<RetentionSubject.Document> documents) {
        if (documents.isEmpty()) {
            LocalDate closing = Optional.ofNullable(last(subject, BusinessEvent.CLAIM_CLOSED))
                    .orElse(last(subject, BusinessEvent.POLICY_TERMINATED));
            return closing == null ? null : FISCAL_YEAR_END.atYear(closing.getYear());
        }
        return documents.stream().map(d -> FISCAL_YEAR_END.atYear(d.dated().getYear()))
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    private static LocalDate last(RetentionSubject subject, BusinessEvent event) {
        return subject.events().stream().filter(e -> e.event() == event).map(RetentionSubject.Event::date)
                .max(Comparator.naturalOrder()).orElse(null);
    }

    private static boolean conditionsHold(RetentionRule.Conditions conditions, RetentionSubject subject) {
        if (conditions.disputed() != null) {
            boolean disputed = subject.events().stream().anyMatch(e -> e.event() == BusinessEvent.DISPUTE_OPENED);
            if (disputed != conditions.disputed()) {
                return false;
            }
        }
        if (subject.policyStart() == null || subject.policyEnd() == null) {
            // An unknown term must not shorten retention: both term rules then apply and the longer wins.
            return true;
        }
        if (conditions.termMaxYears() != null) {
            return !subject.policyEnd().isAfter(subject.policyStart().plusYears(conditions.termMaxYears()));
        }
        if (conditions.termOverYears() != null) {
            return subject.policyEnd().isAfter(subject.policyStart().plusYears(conditions.termOverYears()));
        }
        return true;
    }
}
