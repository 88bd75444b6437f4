package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.dossier.BusinessEvent;
import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.dossier.BusinessEvents;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.Filing;
import cn.insurer.archive.dossier.DossierAuditActions;
import cn.insurer.archive.audit.AuditTrail;
import cn.insurer.archive.audit.AuditEvent;
import cn.insurer.archive.dossier.DossierCorrections;
import cn.insurer.archive.dossier.ItemCorrections;
import cn.insurer.archive.dossier.ItemWithdrawals;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.PaperLocation;
import cn.insurer.archive.dossier.PaperOriginals;
import cn.insurer.archive.dossier.Reading;
import cn.insurer.archive.dossier.Sealing;
import cn.insurer.archive.extraction.MediaTypeDetector;
import cn.insurer.archive.search.Hit;
import cn.insurer.archive.search.Searching;
import cn.insurer.archive.storage.StagedFile;
import cn.insurer.archive.storage.UploadStaging;
import cn.insurer.archive.storage.UploadTooLargeException;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIInput;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.file.UploadedFile;

/**
 * 案卷: the dossier's facts, its item list (卷内目录) with extraction state, upload, completeness,
 * sealing, business events, where the paper original is kept, an inline viewer and similar cases. Opening the page is one audited
 * read; refreshes after the user's own changes show what they just did.
 */
@Named
@ViewScoped
public class DossierPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SIMILAR = 5;
    private static final int HISTORY = 100;

    @Inject
    DossierStanding standings;

    @Inject
    CurrentUser currentUser;

    @Inject
    Reading reading;

    @Inject
    DossierSheet sheets;

    @Inject
    Filing filing;

    @Inject
    cn.insurer.archive.loan.Lending lending;

    @Inject
    DossierCorrections dossierCorrections;

    @Inject
    Language language;

    @Inject
    ItemWithdrawals withdrawals;

    @Inject
    ItemCorrections corrections;

    @Inject
    AuditTrail trail;

    @Inject
    AuditWording wording;

    @Inject
    UiText text;

    @Inject
    Sealing sealing;

    @Inject
    BusinessEvents businessEvents;

    @Inject
    Searching searching;

    @Inject
    MediaTypeDetector mediaTypes;

    @Inject
    ArchiveSettings settings;

    @Inject
    PaperOriginals paperOriginals;

    @Inject
    Notices notices;

    private String id;
    private DossierSheet.Sheet sheet;
    private List<Similar> similar;

    private String uploadDocumentType;
    private LocalDate uploadDocumentDate;
    private boolean uploadPersonalData;
    private String exceptionReason;
    private BusinessEvent event;
    private LocalDate eventDate;
    private String eventReason;
    private UUID viewing;
    private UUID editing;
    private String withdrawReason;
    private String supplementReason;
    private Correction correction;
    private LoanBanner loanInForce;
    private List<HistoryLine> history;
    private String editTitle;
    private String editDocumentType;
    private LocalDate editDocumentDate;
    private boolean editPersonalData;
    private String paperRoom;
    private String paperShelf;
    private String paperBox;
    private DossierStanding.Standing standing;

    public record Similar(UUID dossierId, String title, String archivalCode, List<String> highlights) implements Serializable {
    }

    public void load() {
        if (id == null) {
            notices.problem(ProblemException.notFound("problem.dossier.unknown", ""));
            return;
        }
        try {
            UUID dossierId = UUID.fromString(id);
            show(reading.dossier(currentUser.actor(), currentUser.get(), dossierId));
        } catch (IllegalArgumentException notAnId) {
            notices.problem(ProblemException.notFound("problem.dossier.unknown", id));
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    /** After the user's own upload, seal or event: the same read, unaudited, since nothing new is disclosed. */
    public void refresh() {
        if (sheet != null) {
            UUID dossierId = sheet.facts().id();
            sheet = sheets.reread(currentUser.get(), dossierId).orElse(null);
            standing = sheet == null ? null : standings.of(currentUser.get(), dossierId).orElse(null);
        }
    }

    private void show(Dossier dossier) {
        sheet = sheets.of(currentUser.get(), dossier);
        standing = standings.of(currentUser.get(), dossier.id()).orElse(null);
        loanInForce = lending.inForce(currentUser.get(), dossier.id())
                .map(loan -> new LoanBanner(loan.number(), loan.dueAt())).orElse(null);
        paperRoom = sheet.facts().paperRoom();
        paperShelf = sheet.facts().paperShelf();
        paperBox = sheet.facts().paperBox();
        if (uploadDocumentType == null && !sheet.missing().isEmpty()) {
            uploadDocumentType = sheet.missing().get(0);
        }
    }

    public void upload(FileUploadEvent uploaded) {
        UploadedFile file = uploaded.getFile();
        if (sheet == null || !tookDocumentDate(uploaded)) {
            return;
        }
        boolean supplement = sheet.facts().sealed();
        String reason = supplement ? typed(uploaded, "supplement-reason", supplementReason) : null;
        try {
            User user = currentUser.require(supplement ? Permission.DOSSIER_SUPPLEMENT : Permission.ITEM_UPLOAD);
            filing.checkCanFile(currentUser.actor(), user, sheet.facts().id(), null, supplement);
            UploadStaging staging = new UploadStaging(settings.tempDir());
            try (InputStream in = file.getInputStream(); StagedFile staged = staging.stage(in, settings.uploadMaxBytes())) {
                String name = file.getFileName();
                String mediaType = mediaTypes.detect(staged.path(), name);
                String title = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                Item item = filing.file(currentUser.actor(), user, sheet.facts().id(), new Filing.NewItemRequest(title,
                        uploadDocumentType, uploadDocumentDate, name, mediaType, null, uploadPersonalData,
                        supplement ? (reason == null ? "" : reason) : null), staged);
                notices.info(supplement ? "dossier.supplemented" : "dossier.uploaded", item.itemNumber(), name);
            }
        } catch (UploadTooLargeException e) {
            notices.problem(ProblemException.tooLarge("problem.upload.too.large", settings.uploadMaxBytes()));
        } catch (ProblemException problem) {
            notices.problem(problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refresh();
    }

    /**
     * The upload carries the document date as typed, so a date typed just before files are chosen
     * or dropped counts even though the field never lost focus. The upload's event comes before
     * the model is updated, hence the field's own converted value; a date that does not convert
     * stops the upload with the field's message.
     */
    private boolean tookDocumentDate(FileUploadEvent uploaded) {
        UIComponent field = uploaded.getComponent().findComponent("document-date");
        if (field instanceof UIInput date) {
            if (!date.isValid()) {
                return false;
            }
            if (date.isLocalValueSet()) {
                uploadDocumentDate = (LocalDate) date.getValue();
            }
        }
        return true;
    }

    /** A text field's value as typed when an upload's event arrives, before the model is updated. */
    private static String typed(FileUploadEvent uploaded, String id, String modelValue) {
        UIComponent field = uploaded.getComponent().findComponent(id);
        if (field instanceof UIInput input && input.isLocalValueSet() && input.getValue() != null) {
            return input.getValue().toString();
        }
        return modelValue;
    }

    public String getSupplementReason() {
        return supplementReason;
    }

    public void setSupplementReason(String supplementReason) {
        this.supplementReason = supplementReason;
    }

    /** Sealing changes what the whole page offers, so it loads afresh. */
    public String seal() {
        try {
            User user = currentUser.require(Permission.DOSSIER_SEAL);
            Dossier sealed = sealing.seal(currentUser.actor(), user, sheet.facts().id(), exceptionReason);
            notices.info("dossier.sealed", sealed.archivalCode());
            notices.keepForNextPage();
            return "/ui/dossier.xhtml?faces-redirect=true&id=" + sealed.id();
        } catch (ProblemException problem) {
            notices.problem(problem);
            refresh();
            return null;
        }
    }

    /** Through the same feature call, rules and audit as the API's {@code POST /api/dossiers/{id}/events}. */
    public void recordEvent() {
        try {
            User user = currentUser.require(Permission.DOSSIER_EVENT);
            businessEvents.record(currentUser.actor(), user, sheet.facts().id(), event, eventDate, eventReason);
            notices.info("dossier.event.recorded");
            eventReason = null;
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
        refresh();
    }

    /**
     * A restricted line names no item, so the loan request for it is asked for by its number; the
     * loan page then names the item, since the loan must.
     */
    public void requestItemLoan(int number) throws IOException {
        if (sheet == null) {
            return;
        }
        Optional<UUID> item = sheets.itemNumbered(currentUser.get(), sheet.facts().id(), number);
        if (item.isEmpty()) {
            notices.problem(ProblemException.notFound("problem.item.unknown", number));
            return;
        }
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.redirect(external.getRequestContextPath() + "/ui/loan-request.xhtml?dossier=" + sheet.facts().id()
                + "&item=" + item.get() + "&title=" + URLEncoder.encode(sheet.facts().title(), StandardCharsets.UTF_8));
    }

    /** The reader's own loan in force on this dossier, for the 借阅中 banner; null when they read it by standing. */
    public LoanBanner getLoanInForce() {
        return loanInForce;
    }

    /** What the 借阅中 banner shows of a loan in force. */
    public record LoanBanner(String number, java.time.Instant dueAt) implements java.io.Serializable {
    }

    /** The correction form (更正著录), filled with what the dossier records now. */
    public void openCorrection() {
        DossierSheet.Facts facts = sheet.facts();
        correction = new Correction();
        correction.title = facts.title();
        correction.insured = facts.insured();
        correction.lossDate = facts.lossDate();
        correction.claimAmount = facts.claimAmount();
        correction.policyStart = facts.policyStart();
        correction.policyEnd = facts.policyEnd();
    }

    public void cancelCorrection() {
        correction = null;
    }

    public Correction getCorrection() {
        return correction;
    }

    /**
     * Sends only what was changed, through the same service, checks and audit as the API's
     * {@code PATCH /api/dossiers/{id}}; a sealed dossier's correction needs the archive manager.
     */
    public void saveCorrection() {
        if (correction == null) {
            return;
        }
        DossierSheet.Facts facts = sheet.facts();
        com.fasterxml.jackson.databind.node.ObjectNode changed = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        putChanged(changed, "title", facts.title(), correction.title);
        putChanged(changed, "insured", facts.insured(), correction.insured);
        putChanged(changed, "lossDate", facts.lossDate(), correction.lossDate);
        putChanged(changed, "claimAmount", facts.claimAmount() == null ? null : facts.claimAmount().toPlainString(),
                correction.claimAmount == null ? null : correction.claimAmount.toPlainString());
        putChanged(changed, "policyStart", facts.policyStart(), correction.policyStart);
        putChanged(changed, "policyEnd", facts.policyEnd(), correction.policyEnd);
        try {
            User user = currentUser.require(Permission.DOSSIER_CORRECT);
            dossierCorrections.correct(currentUser.actor(), user, facts.id(), changed, correction.reason, language.getLocale());
            notices.info(changed.isEmpty() ? "dossier.correction.none" : "dossier.corrected");
            correction = null;
        } catch (ProblemException problem) {
            notices.problem("correction", problem);
        }
        refresh();
    }

    private static void putChanged(com.fasterxml.jackson.databind.node.ObjectNode changed, String field, Object before, Object after) {
        String was = before == null ? "" : before.toString();
        String now = after == null ? "" : after.toString().strip();
        if (!was.equals(now)) {
            if (now.isEmpty()) {
                changed.putNull(field);
            } else {
                changed.put(field, now);
            }
        }
    }

    /** What the correction form holds while it is open. */
    public static class Correction implements java.io.Serializable {
        private String title;
        private String insured;
        private LocalDate lossDate;
        private java.math.BigDecimal claimAmount;
        private LocalDate policyStart;
        private LocalDate policyEnd;
        private String reason;

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public String getInsured() {
            return insured;
        }

        public void setInsured(String insured) {
            this.insured = insured;
        }

        public LocalDate getLossDate() {
            return lossDate;
        }

        public void setLossDate(LocalDate lossDate) {
            this.lossDate = lossDate;
        }

        public java.math.BigDecimal getClaimAmount() {
            return claimAmount;
        }

        public void setClaimAmount(java.math.BigDecimal claimAmount) {
            this.claimAmount = claimAmount;
        }

        public LocalDate getPolicyStart() {
            return policyStart;
        }

        public void setPolicyStart(LocalDate policyStart) {
            this.policyStart = policyStart;
        }

        public LocalDate getPolicyEnd() {
            return policyEnd;
        }

        public void setPolicyEnd(LocalDate policyEnd) {
            this.policyEnd = policyEnd;
        }

        public String getReason() {
            return reason;
        }

        public void setReason(String reason) {
            this.reason = reason;
        }
    }

    /** Through the same service, checks and audit as the API's {@code PUT /api/dossiers/{id}/location}. */
    public void locate() {
        try {
            User user = currentUser.require(Permission.DOSSIER_LOCATION);
            Dossier located = paperOriginals.locate(currentUser.actor(), user, sheet.facts().id(), paperRoom, paperShelf, paperBox);
            notices.info("dossier.paperLocation.recorded", located.paperLocation().map(PaperLocation::describe).orElse(""));
        } catch (ProblemException problem) {
            notices.problem("paper", problem);
        }
        refresh();
    }

    public void retry(UUID itemId) {
        try {
            User user = currentUser.require(Permission.ITEM_EXTRACTION_RETRY);
            filing.retryExtraction(currentUser.actor(), user, itemId);
            notices.info("dossier.retry.queued");
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
        refresh();
    }

    /** One change of the dossier's history: when, by whom, what, with the details in words. */
    public record HistoryLine(java.time.Instant at, String actor, String action, List<AuditDetails.Detail> details)
            implements Serializable {
    }

    /**
     * The dossier's history (created, filed, corrected, sealed, events, location), newest first,
     * read when the reader opens it. Only the dossier and the items the reader sees are asked for,
     * and a filing of an item the reader may not see is left out, as the item list leaves it out.
     */
    public void loadHistory() {
        if (sheet == null) {
            return;
        }
        java.util.Set<String> visible = new java.util.HashSet<>();
        List<String> targets = new ArrayList<>();
        targets.add("dossier:" + sheet.facts().id());
        for (DossierSheet.Row row : sheet.items()) {
            if (row.readable()) {
                visible.add(row.id().toString());
                targets.add("item:" + row.id());
            }
        }
        List<HistoryLine> lines = new ArrayList<>();
        for (AuditEvent event : trail.history(targets, DossierAuditActions.CHANGES, HISTORY)) {
            String itemId = AuditDetails.member(event.details(), "itemId");
            if (itemId != null && !visible.contains(itemId)) {
                continue;
            }
            lines.add(new HistoryLine(event.at(), event.actor(), AuditActions.name(text, event.action()),
                    wording.details(event.details())));
        }
        history = lines;
    }

    public List<HistoryLine> getHistory() {
        return history;
    }

    /** Opens the correction form for one item, filled with what it has now. */
    public void edit(UUID itemId) {
        DossierSheet.Row row = row(itemId);
        if (row == null) {
            return;
        }
        editing = itemId;
        editTitle = row.title();
        editDocumentType = row.documentType();
        editDocumentDate = row.documentDate();
        editPersonalData = row.personalData();
    }

    public void cancelEdit() {
        editing = null;
        withdrawReason = null;
    }

    public String getWithdrawReason() {
        return withdrawReason;
    }

    public void setWithdrawReason(String withdrawReason) {
        this.withdrawReason = withdrawReason;
    }

    /** 撤回: the item being edited leaves the record, with the reason typed beside the button. */
    public void withdraw() {
        if (editing == null) {
            return;
        }
        try {
            User user = currentUser.require(Permission.ITEM_WITHDRAW);
            Item item = withdrawals.withdraw(currentUser.actor(), user, editing, withdrawReason);
            notices.info("item.withdrawn", item.itemNumber());
            editing = null;
            withdrawReason = null;
        } catch (ProblemException problem) {
            notices.problem("edit", problem);
        }
        refresh();
    }

    public void saveEdit() {
        if (editing == null) {
            return;
        }
        try {
            User user = currentUser.require(Permission.ITEM_CORRECT);
            Item item = corrections.correct(currentUser.actor(), user, editing, new ItemCorrections.Correction(
                    editTitle == null ? "" : editTitle, editDocumentType, editDocumentDate, editPersonalData, null));
            notices.info("item.corrected", item.itemNumber());
            editing = null;
        } catch (ProblemException problem) {
            notices.problem("edit", problem);
        }
        refresh();
    }

    public DossierSheet.Row getEditingRow() {
        return editing == null ? null : row(editing);
    }

    private DossierSheet.Row row(UUID itemId) {
        return sheet == null ? null : sheet.items().stream().filter(row -> itemId.equals(row.id())).findFirst().orElse(null);
    }

    /** Precedents are searched only when asked for: each search is audited. */
    public void findSimilar() {
        try {
            Searching.Similar found = searching.similar(currentUser.actor(), currentUser.get(), sheet.facts().id(), SIMILAR);
            List<Similar> shown = new ArrayList<>();
            for (Hit hit : found.hits()) {
                shown.add(new Similar(hit.dossierId(), hit.title(), hit.archivalCode(), hit.highlights()));
            }
            similar = shown;
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    public boolean isExtracting() {
        return sheet != null && sheet.items().stream().anyMatch(DossierSheet.Row::extracting);
    }

    public DossierSheet.Row getViewingRow() {
        return viewing == null ? null : row(viewing);
    }

    public String getEditTitle() {
        return editTitle;
    }

    public void setEditTitle(String editTitle) {
        this.editTitle = editTitle;
    }

    public String getEditDocumentType() {
        return editDocumentType;
    }

    public void setEditDocumentType(String editDocumentType) {
        this.editDocumentType = editDocumentType;
    }

    public LocalDate getEditDocumentDate() {
        return editDocumentDate;
    }

    public void setEditDocumentDate(LocalDate editDocumentDate) {
        this.editDocumentDate = editDocumentDate;
    }

    public boolean isEditPersonalData() {
        return editPersonalData;
    }

    public void setEditPersonalData(boolean editPersonalData) {
        this.editPersonalData = editPersonalData;
    }

    /** The events a dossier of this type can have, as the rule that records them says. */
    public List<BusinessEvent> getEvents() {
        DossierType type = sheet == null ? null : DossierType.valueOf(sheet.facts().type());
        return Arrays.stream(BusinessEvent.values()).filter(event -> type == null || event.appliesTo(type)).toList();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public DossierStanding.Standing getStanding() {
        return standing;
    }

    public DossierSheet.Sheet getSheet() {
        return sheet;
    }

    public List<Similar> getSimilar() {
        return similar;
    }

    public String getUploadDocumentType() {
        return uploadDocumentType;
    }

    public void setUploadDocumentType(String uploadDocumentType) {
        this.uploadDocumentType = uploadDocumentType;
    }

    public LocalDate getUploadDocumentDate() {
        return uploadDocumentDate;
    }

    public void setUploadDocumentDate(LocalDate uploadDocumentDate) {
        this.uploadDocumentDate = uploadDocumentDate;
    }

    public boolean isUploadPersonalData() {
        return uploadPersonalData;
    }

    public void setUploadPersonalData(boolean uploadPersonalData) {
        this.uploadPersonalData = uploadPersonalData;
    }

    public String getExceptionReason() {
        return exceptionReason;
    }

    public void setExceptionReason(String exceptionReason) {
        this.exceptionReason = exceptionReason;
    }

    public BusinessEvent getEvent() {
        return event;
    }

    public void setEvent(BusinessEvent event) {
        this.event = event;
    }

    public LocalDate getEventDate() {
        return eventDate;
    }

    public void setEventDate(LocalDate eventDate) {
        this.eventDate = eventDate;
    }

    public String getEventReason() {
        return eventReason;
    }

    public void setEventReason(String eventReason) {
        this.eventReason = eventReason;
    }

    public String getPaperRoom() {
        return paperRoom;
    }

    public void setPaperRoom(String paperRoom) {
        this.paperRoom = paperRoom;
    }

    public String getPaperShelf() {
        return paperShelf;
    }

    public void setPaperShelf(String paperShelf) {
        this.paperShelf = paperShelf;
    }

    public String getPaperBox() {
        return paperBox;
    }

    public void setPaperBox(String paperBox) {
        this.paperBox = paperBox;
    }

    public UUID getViewing() {
        return viewing;
    }

    public void setViewing(UUID viewing) {
        this.viewing = viewing;
    }
}
