package cn.insurer.archive.dossier;

/**
 * 承保案卷 (one per policy), 理赔案卷 (one per claim) or 财务案卷 (one per volume of accounting
 * vouchers, ledgers or reports of a fiscal year). Each belongs to a record category of the file
 * plan, by the name retention rules cover it with.
 */
public enum DossierType {
    UNDERWRITING("UNDERWRITING", "承保"),
    CLAIM("CLAIMS", "理赔"),
    FINANCE("FINANCE", "财务");

    private final String recordCategory;
    private final String chineseName;

    DossierType(String recordCategory, String chineseName) {
        this.recordCategory = recordCategory;
        this.chineseName = chineseName;
    }

    /** The category's name as registers and labels print it (承保, 理赔, 财务). */
    public String chineseName() {
        return chineseName;
    }

    /** The printed name of a stored type code, or the code itself when it names no type. */
    public static String chineseNameOf(String code) {
        for (DossierType type : values()) {
            if (type.name().equals(code)) {
                return type.chineseName;
            }
        }
        return code;
    }

    /** The category retention rules name in {@code covers.recordCategories}. */
    public String recordCategory() {
        return recordCategory;
    }
}
