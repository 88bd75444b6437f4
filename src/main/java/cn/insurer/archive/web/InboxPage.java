package cn.insurer.archive.web;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.loan.Lending;
import cn.insurer.archive.loan.Loan;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** 审批: the approver's loan requests, each approved or rejected with a comment. */
@Named
@ViewScoped
public class InboxPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CurrentUser currentUser;

    @Inject
    LoanInbox inbox;

    @Inject
    Lending lending;

    @Inject
    DossierRepository dossiers;

    @Inject
    AccessPolicy access;

    @Inject
    Notices notices;

    private final Map<UUID, String> comments = new HashMap<>();

    @Transactional
    public List<Loan> getLoans() {
        return inbox.awaitingMe();
    }

    @Transactional
    public String dossierTitle(UUID dossierId) {
        return dossiers.find(dossierId).map(Dossier::title).orElse("");
    }

    /**
     * The 档号 people quote, or nothing while the dossier is still open; only to an approver who may
     * read the dossier, since search shows the others no more than its title either.
     */
    @Transactional
    public String archivalCode(UUID dossierId) {
        return dossiers.find(dossierId).filter(dossier -> access.canRead(currentUser.get(), dossier))
                .map(Dossier::archivalCode).orElse("");
    }

    public Map<UUID, String> getComments() {
        return comments;
    }

    public void approve(Loan loan) {
        decide(loan.id(), true);
    }

    public void reject(Loan loan) {
        decide(loan.id(), false);
    }

    private void decide(UUID loanId, boolean approve) {
        try {
            Loan decided = lending.decide(currentUser.actor(), currentUser.get(), loanId, approve, comments.get(loanId));
            comments.remove(loanId);
            inbox.forget();
            notices.info(approve ? "inbox.approved" : "inbox.rejected", decided.number());
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }
}
