package cn.insurer.archive.report;

import cn.insurer.archive.audit.AuditAction;

public enum ReportAuditActions implements AuditAction {
    REPORT_GENERATED;

    @Override
    public String code() {
        return name();
    }
}
