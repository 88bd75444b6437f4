package cn.insurer.archive.access;

/** 密级, ordered from least to most restricted; a clearance covers its own level and those below. */
public enum SecurityLevel {
    PUBLIC,
    INTERNAL,
    CONFIDENTIAL,
    SECRET;

    public boolean covers(SecurityLevel level) {
        return compareTo(level) >= 0;
    }
}
