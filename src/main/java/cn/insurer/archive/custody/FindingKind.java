package cn.insurer.archive.custody;

/** The four properties (四性) a custody check guards, as what can be found wrong with them. */
public enum FindingKind {
    /** 真实性/完整性: the bytes no longer hash to the key they were stored under. */
    INTEGRITY,
    /** 完整性: an item's object is gone from the store. */
    MISSING,
    /** An object in the store that no item refers to. */
    ORPHAN,
    /** An orphan reported by earlier sweeps that still had no item after the collection period, now removed. */
    ORPHAN_COLLECTED,
    /** 可用性: the original no longer opens as what it was filed as. */
    USABILITY
}
