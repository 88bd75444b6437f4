package cn.insurer.archive.loan;

import cn.insurer.archive.audit.AuditAction;

public enum LoanAuditActions implements AuditAction {
    LOAN_REQUESTED,
    LOAN_APPROVED,
    LOAN_REJECTED,
    LOAN_ACTIVATED,
    LOAN_RETURNED,
    LOAN_CANCELLED,
    /** An approved renewal took over from the loan it renews. */
    LOAN_RENEWED,
    /** 出库: a paper original left the 库房 with its borrower. */
    LOAN_HANDED_OUT,
    /** 归还入库: a paper original came back, its condition noted. */
    LOAN_CHECKED_IN,
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
