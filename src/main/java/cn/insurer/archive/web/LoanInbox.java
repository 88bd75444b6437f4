package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.User;
import cn.insurer.archive.loan.Loan;
import cn.insurer.archive.loan.LoanRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Loan requests whose next step is this person's. Only a convenience listing: Lending decides
 * whether a step is theirs when they take it.
 */
@RequestScoped
public class LoanInbox {

    private static final int LIMIT = 200;

    @Inject
    CurrentUser currentUser;

    @Inject
    LoanRepository loans;

    private List<Loan> awaiting;

    /** After a decision the list is read again. */
    public void forget() {
        awaiting = null;
    }

    public List<Loan> awaitingMe() {
        if (awaiting == null) {
            User user = currentUser.get();
            String department = user.hasRole(Role.ARCHIVE_MANAGER) ? null : user.department();
            if (!user.hasRole(Role.ARCHIVE_MANAGER) && !(user.hasRole(Role.DEPARTMENT_HEAD) && department != null)) {
                awaiting = List.of();
                return awaiting;
            }
            awaiting = loans.list(new LoanRepository.Query(null, "REQUESTED", department, Instant.now(), 0, LIMIT)).loans()
                    .stream()
                    .filter(loan -> !loan.borrower().equals(user.username()))
                    .filter(loan -> loan.nextApprover().map(user::hasRole).orElse(false))
                    .filter(loan -> loan.decisions().stream().noneMatch(d -> d.approver().equals(user.username())))
                    .toList();
        }
        return awaiting;
    }
}
