package cn.insurer.archive.web;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierLookup;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.PaperLocation;
import cn.insurer.archive.loan.Loan;
import cn.insurer.archive.loan.OriginalCustody;
import cn.insurer.archive.problem.ProblemException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * 原件出入库: the archive's counter. The clerk scans a dossier's label (a hand scanner types the
 * 档号 and Enter into the box), sees its approved ORIGINAL loans, hands one out or checks it back
 * in with its condition; below, every original out now, longest out first.
 */
@Named
@ViewScoped
public class OriginalsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int LISTED = 200;

    @Inject
    CurrentUser currentUser;

    @Inject
    DossierLookup lookup;

    @Inject
    DossierRepository dossiers;

    @Inject
    OriginalCustody custody;

    @Inject
    AccessPolicy access;

    @Inject
    Notices notices;

    @Inject
    UiText text;

    @Inject
    UserNames userNames;

    private String code;
    private UUID dossierId;
    private final Map<UUID, String> conditions = new HashMap<>();

    /** Finds the dossier the scanned or typed number names; the counter then shows its original loans. */
    public void find() {
        dossierId = null;
        try {
            dossierId = lookup.one(currentUser.get(), code).id();
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    public void handOut(Loan loan) {
        try {
            Loan out = custody.handOut(currentUser.actor(), currentUser.get(), loan.id(), scannedCode());
            notices.info("originals.handedOut", out.number(), userNames.of(out.borrower()));
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    public void checkIn(Loan loan) {
        try {
            Loan back = custody.checkIn(currentUser.actor(), currentUser.get(), loan.id(), scannedCode(), conditions.get(loan.id()));
            conditions.remove(loan.id());
            notices.info("originals.checkedIn", back.number());
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    /** The number on the label of the dossier found: what the scan named, as the custody check expects it. */
    @Transactional
    String scannedCode() {
        return dossier().map(DossierLookup::uniqueNumber).orElse(code);
    }

    @Transactional
    Optional<Dossier> dossier() {
        return dossierId == null ? Optional.empty() : dossiers.find(dossierId).filter(d -> access.canRead(currentUser.get(), d));
    }

    public boolean isDossierFound() {
        return dossierId != null;
    }

    @Transactional
    public String getDossierHeading() {
        return dossier().map(d -> DossierLookup.uniqueNumber(d) + " · " + d.title()).orElse("");
    }

    @Transactional
    public String getDossierLocation() {
        return dossier().flatMap(Dossier::paperLocation).map(PaperLocation::describe).orElse(text.get("originals.noLocation"));
    }

    @Transactional
    public List<Loan> getLoans() {
        return dossier().map(d -> custody.inForce(d.id())).orElse(List.of());
    }

    @Transactional
    public List<Loan> getOut() {
        return custody.out(LISTED);
    }

    public boolean overdue(Loan loan) {
        return custody.overdue(loan);
    }

    /** The dossier an original out belongs to, when this clerk may read it; otherwise only that it is not theirs to know. */
    @Transactional
    public String dossierOf(Loan loan) {
        return readable(loan).map(d -> DossierLookup.uniqueNumber(d) + " · " + d.title()).orElse(text.get("originals.restricted"));
    }

    @Transactional
    public String locationOf(Loan loan) {
        return readable(loan).flatMap(Dossier::paperLocation).map(PaperLocation::describe).orElse("");
    }

    private Optional<Dossier> readable(Loan loan) {
        return dossiers.find(loan.dossierId()).filter(d -> access.canRead(currentUser.get(), d));
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public Map<UUID, String> getConditions() {
        return conditions;
    }
}
