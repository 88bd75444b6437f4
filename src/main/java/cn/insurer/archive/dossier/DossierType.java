package cn.insurer.archive.dossier;

/**
 * 承保案卷 (one per policy), 理赔案卷 (one per claim) or 财务案卷 (one per volume of accounting
 * vouchers, ledgers or reports of a fiscal year). Each belongs to a record category of the file
 * plan, by the name retention rules cover it with.
 */
public enum DossierType {
    UNDERWRITING("UNDERWRITING"),
    CLAIM("CLAIMS"),
    FINANCE("FINANCE");

    private final String recordCategory;

    DossierType(String recordCategory) {
        this.recordCategory = recordCategory;
    }

    /** The category retention rules name in {@code covers.recordCategories}. */
    public String recordCategory() {
        return recordCategory;
    }
}
