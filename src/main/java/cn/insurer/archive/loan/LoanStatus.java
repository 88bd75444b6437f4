package cn.insurer.archive.loan;

public enum LoanStatus {
    REQUESTED,
    ACTIVE,
    REJECTED,
    RETURNED,
    EXPIRED
}
