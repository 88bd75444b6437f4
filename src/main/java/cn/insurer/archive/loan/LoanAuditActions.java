package cn.insurer.archive.loan;

import cn.insurer.archive.audit.AuditAction;

public enum LoanAuditActions implements AuditAction {
    LOAN_REQUESTED,
    LOAN_APPROVED,
    LOAN_REJECTED,
    LOAN_ACTIVATED,
    LOAN_RETURNED,
    LOAN_EXPIRED,
    LOAN_OVERDUE_REMINDED,
    READ_UNDER_LOAN;

    @Override
    public String code() {
        return name();
    }
}
