package cn.insurer.archive.dossier;

/**
 * 承保案卷 (one per policy), 理赔案卷 (one per claim), 财务案卷 (one per volume of accounting
 * vouchers, ledgers or reports of a fiscal year), 人事案卷 (one per employee) or 文书案卷 (one per
 * year's volume of the company's own papers: board minutes, regulations, correspondence). Each
 * belongs to a record category of the file plan, by the name retention rules cover it with.
 */
public enum DossierType {
    UNDERWRITING("UNDERWRITING", "承保"),
    CLAIM("CLAIMS", "理赔"),
    FINANCE("FINANCE", "财务"),
    PERSONNEL("PERSONNEL", "人事"),
    GENERAL("OTHER", "文书");

    private final String recordCategory;
    private final String chineseName;

    DossierType(String recordCategory, String chineseName) {
        this.recordCategory = recordCategory;
        this.chineseName = chineseName;
    }

    /** The category's name as registers and labels print it (承保, 理赔, 财务, 人事, 文书). */
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

    /**
     * The field that carries the number naming a dossier of this type (保单号, 赔案号, 册号, 员工编号 or
     * 案卷号), by the same name in the API's JSON and in an import manifest.
     */
    public String keyField() {
        return switch (this) {
            case UNDERWRITING -> "policyNumber";
            case CLAIM -> "claimNumber";
            case FINANCE -> "volumeNumber";
            case PERSONNEL -> "employeeNumber";
            case GENERAL -> "fileNumber";
        };
    }

    /** Whether its dossiers follow an insurance contract: a policy's or a claim's, with their events and product lines. */
    public boolean insurance() {
        return this == UNDERWRITING || this == CLAIM;
    }

    /**
     * The product line a dossier of this type is filed under when it belongs to none (the records
     * of the company itself: 财务, 人事, 文书); null for policies and claims, which name theirs.
     */
    public String ownProductLine() {
        return insurance() ? null : chineseName;
    }
}
