package cn.insurer.archive.loan;

public enum LoanStatus {
    REQUESTED,
    ACTIVE,
    REJECTED,
    RETURNED,
    EXPIRED,
    /** Withdrawn by its borrower before every approval was given. */
    CANCELLED,
    /** Taken over by its approved renewal (续借), which runs on from its due date. */
    RENEWED,
    /** Never stored: how an {@link #ACTIVE} loan past its due date is shown and searched for (see {@link Loan#statusAt}). */
    OVERDUE
}
