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

    Page list(Query query);

    record Query(String borrower, String status, String department, Instant now, int page, int size) {
    }

    record Page(long total, List<Loan> loans) {
    }
}
