package cn.insurer.archive.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest's column headings, in Chinese as the branches' ledgers (台账) write them or in
 * English, each mapped to the field it fills.
 */
final class ManifestColumns {

    static final String TYPE = "type";
    static final String BUSINESS_KEY = "businessKey";
    static final String POLICY_NUMBER = "policyNumber";
    static final String CLAIM_NUMBER = "claimNumber";
    static final String PRODUCT_LINE = "productLine";
    static final String DOSSIER_TITLE = "dossierTitle";
    static final String DEPARTMENT = "department";
    static final String SECURITY_LEVEL = "securityLevel";
    static final String INSURED = "insured";
    static final String POLICY_START = "policyStart";
    static final String POLICY_END = "policyEnd";
    static final String LOSS_DATE = "lossDate";
    static final String CLAIM_AMOUNT = "claimAmount";
    static final String VOLUME_NUMBER = "volumeNumber";
    static final String FISCAL_YEAR = "fiscalYear";
    static final String EMPLOYEE_NUMBER = "employeeNumber";
    static final String FILE_NUMBER = "fileNumber";
    static final String ITEM_TITLE = "itemTitle";
    static final String DOCUMENT_TYPE = "documentType";
    static final String DOCUMENT_DATE = "documentDate";
    static final String ITEM_SECURITY_LEVEL = "itemSecurityLevel";
    static final String PERSONAL_DATA = "personalData";
    static final String PATH = "path";

    private static final Map<String, String> BY_HEADING = new HashMap<>();

    static {
        alias(TYPE, "案卷类型", "类型", "type", "dossierType");
        alias(BUSINESS_KEY, "业务号", "业务主键", "businessKey");
        alias(POLICY_NUMBER, "保单号", "保险单号", "policyNumber", "policyNo");
        alias(CLAIM_NUMBER, "赔案号", "理赔编号", "claimNumber", "claimNo");
        alias(PRODUCT_LINE, "险种", "productLine");
        alias(DOSSIER_TITLE, "案卷题名", "dossierTitle");
        alias(DEPARTMENT, "部门", "归属部门", "department");
        alias(SECURITY_LEVEL, "密级", "案卷密级", "securityLevel");
        alias(INSURED, "被保险人", "insured");
        alias(POLICY_START, "保险起期", "policyStart");
        alias(POLICY_END, "保险止期", "policyEnd");
        alias(LOSS_DATE, "出险日期", "lossDate");
        alias(CLAIM_AMOUNT, "索赔金额", "claimAmount");
        alias(VOLUME_NUMBER, "册号", "卷册号", "凭证册号", "volumeNumber");
        alias(FISCAL_YEAR, "会计年度", "年度", "fiscalYear", "year");
        alias(EMPLOYEE_NUMBER, "员工编号", "工号", "employeeNumber");
        alias(FILE_NUMBER, "案卷号", "fileNumber");
        alias(ITEM_TITLE, "件题名", "文件题名", "题名", "itemTitle", "title");
        alias(DOCUMENT_TYPE, "文件类型", "documentType");
        alias(DOCUMENT_DATE, "文件日期", "成文日期", "documentDate");
        alias(ITEM_SECURITY_LEVEL, "文件密级", "itemSecurityLevel");
        alias(PERSONAL_DATA, "个人信息", "personalData");
        alias(PATH, "文件路径", "路径", "path", "file", "filePath");
    }

    private ManifestColumns() {
    }

    private static void alias(String field, String... headings) {
        for (String heading : headings) {
            BY_HEADING.put(normalize(heading), field);
        }
    }

    /** The field a heading fills; case, spaces, underscores and a byte order mark do not matter. */
    static Optional<String> field(String heading) {
        return Optional.ofNullable(BY_HEADING.get(normalize(heading)));
    }

    static List<String> required() {
        return List.of(PATH);
    }

    private static String normalize(String heading) {
        return heading == null ? "" : heading.replace("\uFEFF", "").replaceAll("[\\s_\\-]", "").toLowerCase(Locale.ROOT);
    }
}
