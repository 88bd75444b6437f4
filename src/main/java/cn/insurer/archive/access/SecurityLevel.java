package cn.insurer.archive.access;

/** 密级, ordered from least to most restricted; a clearance covers its own level and those below. */
public enum SecurityLevel {
    PUBLIC("公开"),
    INTERNAL("内部"),
    CONFIDENTIAL("秘密"),
    SECRET("机密");

    private final String chineseName;

    SecurityLevel(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The name printed on registers, item lists and slips (GLOSSARY: 密级). */
    public String chineseName() {
        return chineseName;
    }

    public boolean covers(SecurityLevel level) {
        return compareTo(level) >= 0;
    }
}
