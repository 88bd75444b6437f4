package cn.insurer.archive.loan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface LoanRepository {

    void add(Loan loan);

    Optional<Loan> find(UUID id);

    Optional<Loan> findForDecision(UUID id);

    /** Loans of one borrower that are active and not yet due. */
    List<Loan> grantsOf(String borrower, Instant now);

    List<Loan> dueBefore(Instant now);

    String nextNumber(int year);

    /** The renewal of this loan still waiting for approval, if one was asked for. */
    Optional<Loan> pendingRenewalOf(UUID loanId);

    /** 原件在外: loans whose paper original has left the 库房 and not come back, longest out first. */
    List<Loan> originalsOut(int limit);

    /** A dossier's ORIGINAL loans in force: approved and waiting to be handed out, or out. */
    List<Loan> originalLoansInForce(UUID dossierId);

    /** Loan requests still waiting for a decision, in a transaction of its own and bounded in time. */
    long pendingApprovals();

    Page list(Query query);

    /**
     * {@code borrower}, {@code status} and {@code department} narrow the list; {@code visibleTo}
     * confines it to the loans {@link LoanVisibility} lets that viewer see (null: not confined, for
     * the server's own work and for a borrower's own loans).
     */
    record Query(String borrower, String status, String department, Instant now, int page, int size,
                 LoanVisibility.Viewer visibleTo) {

        public Query(String borrower, String status, String department, Instant now, int page, int size) {
            this(borrower, status, department, now, page, size, null);
        }
    }

    record Page(long total, List<Loan> loans) {
    }
}
