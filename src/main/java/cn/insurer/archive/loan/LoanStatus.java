package cn.insurer.archive.loan;

public enum LoanStatus {
    REQUESTED,
    ACTIVE,
    REJECTED,
    RETURNED,
    EXPIRED,
    /** Never stored: how an {@link #ACTIVE} loan past its due date is shown and searched for (see {@link Loan#statusAt}). */
    OVERDUE
}
