package cn.insurer.archive.cluster;

import cn.insurer.archive.audit.AuditAction;

public enum ClusterAuditActions implements AuditAction {
    LEADERSHIP_TAKEN,
    LEADERSHIP_LOST;

    @Override
    public String code() {
        return name();
    }
}
