package cn.insurer.archive.loan;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Who may see a loan (its purpose, its approvers' comments, its slip), and so who may be asked to
 * decide on it: the one rule behind a loan's page and slip, the loan list, the approver's inbox and
 * the decision itself.
 */
@ApplicationScoped
public class LoanVisibility {

    @Inject
    LoanRepository loans;

    @Inject
    DossierRepository dossiers;

    @Inject
    LoanRefusals refusals;

    /**
     * The rule: the borrower sees their own loans; the archive manager, auditors and clerks every
     * loan ({@link Permission#LOAN_READ_ALL}); a department head the loans of dossiers their
     * department owns ({@link Permission#LOAN_READ_DEPARTMENT}), because the chain's department
     * step is the owning department's. The borrower's own department head has no step in the chain
     * and does not see the loan for being that.
     */
    public Viewer viewer(User user) {
        if (Permission.LOAN_READ_ALL.grantedTo(user)) {
            return new Viewer(user.username(), true, null);
        }
        String department = Permission.LOAN_READ_DEPARTMENT.grantedTo(user) && user.department() != null
                && !user.department().isBlank() ? user.department() : null;
        return new Viewer(user.enabled() ? user.username() : null, false, department);
    }

    public boolean maySee(User user, Loan loan) {
        return viewer(user).sees(loan.borrower(), owningDepartment(loan));
    }

    /**
     * The loan, when the user may see it: an unknown id answers 404, a loan the user may not see
     * 403 with the refusal audited.
     */
    @Transactional
    public Loan visible(AuditLog.Actor actor, User user, UUID id, String operation) {
        Loan loan = loans.find(id).orElseThrow(() -> ProblemException.notFound("problem.loan.unknown", id));
        if (!maySee(user, loan)) {
            throw refusals.deny(actor, operation, Lending.target(loan), "not a loan this user may see");
        }
        return loan;
    }

    String owningDepartment(Loan loan) {
        return dossiers.find(loan.dossierId()).map(Dossier::department).orElse(loan.destroyedDossierDepartment());
    }

    /**
     * {@link #viewer}'s answer, as a filter a repository can push into its query: loans borrowed by
     * {@code username}, or of dossiers owned by {@code department} (when not null), or all when
     * {@code everything}.
     */
    public record Viewer(String username, boolean everything, String department) {

        public boolean sees(String borrower, String owningDepartment) {
            return everything
                    || (username != null && username.equals(borrower))
                    || (department != null && department.equals(owningDepartment));
        }
    }
}
