package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.loan.Lending;
import cn.insurer.archive.loan.Loan;
import cn.insurer.archive.loan.LoanKind;
import cn.insurer.archive.loan.LoanVisibility;
import cn.insurer.archive.loan.Renewals;
import java.time.Instant;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * 借阅申请 and 续借申请. A new request is prefilled from the hit it was asked from: the dossier, its title as the search showed
 * it, online reading for a week. The title comes with the link, so this page reads nothing the
 * borrower could not already see.
 */
@Named
@ViewScoped
public class LoanRequestPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int DEFAULT_DAYS = 7;

    @Inject
    CurrentUser currentUser;

    @Inject
    Lending lending;

    @Inject
    Notices notices;

    @Inject
    UiText text;

    @Inject
    Renewals renewals;

    @Inject
    LoanVisibility visibility;

    private String dossier;
    private String title;
    /** Set when one item of a dossier the borrower can already see is asked for, rather than the dossier. */
    private String item;
    private String purpose;
    private LoanKind kind = LoanKind.VIEW;
    private Integer days = DEFAULT_DAYS;
    /** Set when the borrower asks to renew one of their loans: its id, and what the page shows of it. */
    private String renew;
    private String renewedNumber;
    private Instant renewedDue;
    private LoanKind renewedKind;

    public void prefill() {
        if (renew != null && renewedNumber == null) {
            try {
                Loan loan = visibility.visible(currentUser.actor(), currentUser.get(), id(renew, "problem.loan.unknown"), "loan.renew");
                renewedNumber = loan.number();
                renewedDue = loan.dueAt();
                renewedKind = loan.kind();
            } catch (ProblemException problem) {
                renew = null;
                notices.problem(problem);
            }
            return;
        }
        if (purpose == null && title != null) {
            purpose = text.get("loan.purpose.prefilled", title);
        }
    }

    public boolean isRenewal() {
        return renewedNumber != null;
    }

    public String submit() {
        try {
            User user = currentUser.require(Permission.LOAN_REQUEST);
            if (isRenewal()) {
                Loan renewal = renewals.request(currentUser.actor(), user, id(renew, "problem.loan.unknown"), days, purpose);
                notices.info("loan.renewalRequested", renewal.number(), renewedNumber);
                notices.keepForNextPage();
                return "/ui/home.xhtml?faces-redirect=true";
            }
            UUID dossierId = id(dossier, "problem.dossier.unknown");
            List<UUID> items = item == null || item.isBlank() ? null : List.of(id(item, "problem.item.unknown"));
            Loan loan = lending.request(currentUser.actor(), user, new Lending.Request(dossierId, items, purpose, kind, days));
            notices.info("loan.requested", loan.number());
            notices.keepForNextPage();
            return "/ui/home.xhtml?faces-redirect=true";
        } catch (ProblemException problem) {
            notices.problem(problem);
            return null;
        }
    }

    private static UUID id(String value, String unknownKey) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound(unknownKey, value);
        }
    }

    public String getRenew() {
        return renew;
    }

    public void setRenew(String renew) {
        this.renew = renew;
    }

    public String getRenewedNumber() {
        return renewedNumber;
    }

    public Instant getRenewedDue() {
        return renewedDue;
    }

    public LoanKind getRenewedKind() {
        return renewedKind;
    }

    public LoanKind[] getKinds() {
        return LoanKind.values();
    }

    public String getDossier() {
        return dossier;
    }

    public void setDossier(String dossier) {
        this.dossier = dossier;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getItem() {
        return item;
    }

    public void setItem(String item) {
        this.item = item;
    }

    public String getPurpose() {
        return purpose;
    }

    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }

    public LoanKind getKind() {
        return kind;
    }

    public void setKind(LoanKind kind) {
        this.kind = kind;
    }

    public Integer getDays() {
        return days;
    }

    public void setDays(Integer days) {
        this.days = days;
    }
}
