package cn.insurer.archive.web;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.retention.Disposition;
import cn.insurer.archive.retention.DispositionEntry;
import cn.insurer.archive.retention.Dispositions;
import cn.insurer.archive.retention.Extensions;
import cn.insurer.archive.retention.Holds;
import cn.insurer.archive.retention.LegalHold;
import cn.insurer.archive.retention.RetentionSchedule;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * 保管期限: the due list, from which an archive manager proposes a disposition batch, legal holds
 * placed and released, disposition batches signed, executed and certified.
 */
@Named
@ViewScoped
public class RetentionPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DUE = 500;

    @Inject
    CurrentUser currentUser;

    @Inject
    RetentionSchedule schedule;

    @Inject
    AccessPolicy access;

    @Inject
    Holds holds;

    @Inject
    Dispositions dispositions;

    @Inject
    Extensions extensions;

    @Inject
    RuleNames ruleNames;

    @Inject
    Notices notices;

    @Inject
    UiText text;

    private String caseReference;
    private String reason;
    private String holdDossiers;
    private final Map<UUID, String> releaseComments = new HashMap<>();
    private final Map<UUID, Boolean> chosen = new LinkedHashMap<>();
    private Disposition.Action proposalAction = Disposition.Action.DESTROY;
    private String appraisal;
    private String reviewDate;

    public record Batch(UUID id, String reference, String action, String status, String appraisal, String proposedBy,
                        Instant proposedAt, int dossiers, boolean certificate, List<String> labels) implements Serializable {
    }

    public record Hold(UUID id, String caseReference, String reason, String placedBy, Instant placedAt, int dossiers)
            implements Serializable {
    }

    /** The due list as far as the user may read it, the same filter as the API's. */
    static List<RetentionSchedule.Due> readableDue(RetentionSchedule schedule, AccessPolicy access, User user,
                                                   LocalDate before, int limit) {
        return schedule.dueBefore(before, limit).stream().filter(row -> access.canRead(user, row.asProtected())).toList();
    }

    @Transactional
    public List<RetentionSchedule.Due> getDue() {
        User user = currentUser.require(Permission.RETENTION_DUE);
        return readableDue(schedule, access, user, schedule.today().plusDays(1), MAX_DUE);
    }

    @Transactional
    public List<Hold> getHolds() {
        currentUser.require(Permission.HOLD_LIST);
        return holds.list(LegalHold.Status.ACTIVE).stream().map(hold -> new Hold(hold.id(), hold.caseReference(),
                hold.reason(), hold.placedBy(), hold.placedAt(), hold.dossierIds().size())).toList();
    }

    @Transactional
    public List<Batch> getBatches() {
        User user = currentUser.require(Permission.DISPOSITION_LIST);
        return dispositions.list(user).stream().map(batch -> new Batch(batch.id(), batch.number(),
                batch.action().name(), batch.status().name(),
                batch.appraisal(), batch.proposedBy(), batch.proposedAt(), batch.entries().size(),
                batch.status() == Disposition.Status.EXECUTED && batch.action() == Disposition.Action.DESTROY,
                batch.entries().stream().map(DispositionEntry::label).toList())).toList();
    }

    public void placeHold() {
        try {
            User user = currentUser.require(Permission.HOLD_PLACE);
            List<String> named = holdDossiers == null ? List.of() : List.of(holdDossiers.trim().split("[\\s,，、;；]+"));
            LegalHold hold = holds.place(currentUser.actor(), user, caseReference, reason, named, null);
            notices.info("retention.hold.placed", hold.caseReference());
            caseReference = null;
            reason = null;
            holdDossiers = null;
        } catch (ProblemException problem) {
            notices.problem(null, problem, Map.of("dossierIds:validation.required", "retention.hold.dossiers.none"));
        }
    }

    public void release(UUID holdId) {
        try {
            currentUser.require(Permission.HOLD_RELEASE);
            LegalHold hold = holds.release(currentUser.actor(), holdId, releaseComments.get(holdId));
            notices.info("retention.hold.released", hold.caseReference());
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    /** The ticked due dossiers become one batch through the same rules as the API's proposal. */
    public void propose() {
        try {
            User user = currentUser.require(Permission.DISPOSITION_PROPOSE);
            List<UUID> ids = chosen.entrySet().stream().filter(entry -> Boolean.TRUE.equals(entry.getValue()))
                    .map(Map.Entry::getKey).toList();
            Disposition batch = dispositions.propose(currentUser.actor(), user, ids, proposalAction, appraisal);
            notices.info("retention.batch.proposed", batch.entries().size(), text.get("disposition.action." + batch.action().name()));
            chosen.clear();
            appraisal = null;
        } catch (ProblemException problem) {
            if ("problem.disposition.already.proposed".equals(problem.messageKey())) {
                // The API names the batch by its id for clients to look up; people get the reference the batch list shows.
                notices.error("retention.batch.alreadyProposed", problem.args()[0], problem.args()[1]);
            } else {
                notices.problem(null, problem, Map.of("dossierIds:validation.required", "retention.choose.none"));
            }
        }
    }

    /** 延长保管: the ticked dossiers are kept until the review date, with the appraisal as the reason. */
    public void extend() {
        try {
            User user = currentUser.require(Permission.RETENTION_EXTEND);
            List<UUID> ids = chosen.entrySet().stream().filter(entry -> Boolean.TRUE.equals(entry.getValue()))
                    .map(Map.Entry::getKey).toList();
            LocalDate review;
            try {
                review = reviewDate == null || reviewDate.isBlank() ? null : LocalDate.parse(reviewDate.trim());
            } catch (DateTimeParseException e) {
                notices.error("retention.reviewDate.invalid");
                return;
            }
            List<Extensions.Extended> kept = extensions.extend(currentUser.actor(), user, ids, review, appraisal);
            notices.info("retention.extended", kept.size(), review);
            chosen.clear();
            appraisal = null;
            reviewDate = null;
        } catch (ProblemException problem) {
            notices.problem(null, problem, Map.of("dossierIds:validation.required", "retention.choose.none"));
        }
    }

    public String getReviewDate() {
        return reviewDate;
    }

    public void setReviewDate(String reviewDate) {
        this.reviewDate = reviewDate;
    }

    /** The rule's name in words, as the due list shows it. */
    public String ruleName(String ruleId) {
        return ruleNames.of(ruleId);
    }

    /** Ticks every due dossier that may be chosen (those under no hold), or clears them when all are ticked. */
    public void chooseAll() {
        List<UUID> choosable = getDue().stream().filter(row -> !row.held()).map(RetentionSchedule.Due::dossierId).toList();
        boolean all = !choosable.isEmpty() && choosable.stream().allMatch(id -> Boolean.TRUE.equals(chosen.get(id)));
        choosable.forEach(id -> chosen.put(id, !all));
    }

    public List<Disposition.Action> getProposalActions() {
        return List.of(Disposition.Action.values());
    }

    /** The archive manager signs first, an auditor co-signs; Dispositions enforces the order and the two persons. */
    public void approve(UUID batchId) {
        try {
            User user = currentUser.require(Permission.DISPOSITION_APPROVE);
            dispositions.approve(currentUser.actor(), user, batchId);
            notices.info("retention.batch.approved");
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    public void execute(UUID batchId) {
        try {
            User user = currentUser.require(Permission.DISPOSITION_EXECUTE);
            Disposition batch = dispositions.execute(currentUser.actor(), user, batchId);
            notices.info("retention.batch.executed", batch.entries().size());
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    public String getCaseReference() {
        return caseReference;
    }

    public void setCaseReference(String caseReference) {
        this.caseReference = caseReference;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getHoldDossiers() {
        return holdDossiers;
    }

    public void setHoldDossiers(String holdDossiers) {
        this.holdDossiers = holdDossiers;
    }

    public Map<UUID, String> getReleaseComments() {
        return releaseComments;
    }

    public Map<UUID, Boolean> getChosen() {
        return chosen;
    }

    public Disposition.Action getProposalAction() {
        return proposalAction;
    }

    public void setProposalAction(Disposition.Action proposalAction) {
        this.proposalAction = proposalAction;
    }

    public String getAppraisal() {
        return appraisal;
    }

    public void setAppraisal(String appraisal) {
        this.appraisal = appraisal;
    }
}
