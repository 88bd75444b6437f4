package cn.insurer.archive.search;

import cn.insurer.archive.audit.AuditAction;

public enum SearchAuditActions implements AuditAction {
    SEARCH,
    SIMILAR_SEARCH,
    INDEX_REBUILD_REQUESTED;

    @Override
    public String code() {
        return name();
    }
}
