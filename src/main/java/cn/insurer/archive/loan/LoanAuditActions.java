package cn.insurer.archive.loan;

import cn.insurer.archive.audit.AuditAction;

public enum LoanAuditActions implements AuditAction {
    LOAN_REQUESTED,
    LOAN_APPROVED,
    LOAN_REJECTED,
    LOAN_ACTIVATED,
    LOAN_RETURNED,
    LOAN_CANCELLED,
    LOAN_EXPIRED,
    LOAN_OVERDUE_REMINDED,
    READ_UNDER_LOAN,
    /** A loan step refused for a reason other than a missing right: already decided, not active, no comment, invalid request. */
    LOAN_REFUSED;

    @Override
    public String code() {
        return name();
    }
}
