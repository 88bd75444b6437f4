package cn.insurer.archive.loan;

import cn.insurer.archive.access.Grant;
import cn.insurer.archive.access.Grants;
import cn.insurer.archive.access.ProtectedRecord;
import cn.insurer.archive.access.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loans in force for the users of one request, read once per request: a search checks every
 * hit against them, and one query should serve all those checks. A direct read and a search agree
 * because both ask {@link Loan#covers}, or the list of what it covers.
 */
@RequestScoped
public class LoanGrants implements Grants {

    /** The application's clock: loans start, fall due and expire on the same time as everything else. */
    @Inject
    java.time.Clock clock;

    @Inject
    LoanRepository loans;

    private final Map<String, List<Loan>> byBorrower = new HashMap<>();

    @Override
    public Optional<Grant> covering(User user, ProtectedRecord record) {
        Instant now = clock.instant();
        return inForce(user).stream()
                .filter(loan -> loan.grantsAt(now) && loan.covers(record))
                .findFirst()
                .map(loan -> new Grant(loan.id(), loan.number(), loan.kind().name()));
    }

    /**
     * Lent dossiers by their own entry, and lent items one by one: a dossier lent whole opens the
     * items it held when the loan was requested, not the dossier's later items.
     */
    @Override
    public Scope scopeOf(User user) {
        Instant now = clock.instant();
        List<Loan> granting = inForce(user).stream().filter(loan -> loan.grantsAt(now)).toList();
        return new Scope(List.of(),
                granting.stream().map(Loan::dossierId).distinct().toList(),
                granting.stream().flatMap(loan -> loan.coveredItemIds().stream()).distinct().toList());
    }

    private List<Loan> inForce(User user) {
        return byBorrower.computeIfAbsent(user.username(), borrower -> loans.grantsOf(borrower, clock.instant()));
    }
}
