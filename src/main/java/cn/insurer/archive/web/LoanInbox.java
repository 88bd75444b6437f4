package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.loan.Lending;
import cn.insurer.archive.loan.Loan;
import cn.insurer.archive.loan.LoanRepository;
import cn.insurer.archive.loan.LoanVisibility;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Loan requests whose next step is this person's: among the loans they may see
 * ({@link LoanVisibility}), those {@link Lending#awaits} them, the same rule the decision applies.
 */
@RequestScoped
public class LoanInbox {

    private static final int LIMIT = 200;

    @Inject
    java.time.Clock clock;

    @Inject
    CurrentUser currentUser;

    @Inject
    LoanRepository loans;

    @Inject
    LoanVisibility visibility;

    @Inject
    Lending lending;

    private List<Loan> awaiting;

    /** After a decision the list is read again. */
    public void forget() {
        awaiting = null;
    }

    public List<Loan> awaitingMe() {
        if (awaiting == null) {
            User user = currentUser.get();
            if (!Permission.LOAN_INBOX.grantedTo(user)) {
                awaiting = List.of();
                return awaiting;
            }
            awaiting = loans.list(new LoanRepository.Query(null, "REQUESTED", null, clock.instant(), 0, LIMIT,
                            visibility.viewer(user))).loans()
                    .stream()
                    .filter(loan -> lending.awaits(user, loan))
                    .toList();
        }
        return awaiting;
    }
}
