package cn.insurer.archive.ingest;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.dossier.ItemMetadataPart;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.dossier.LedgerValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A manifest row read as the two requests a clerk would otherwise send by hand: the dossier (used
 * only when no dossier has the row's business key yet) and the item's metadata part. Values come
 * as ledgers write them: 理赔/承保/财务/人事/文书, 内部/秘密, 2025/6/18 or 2025年6月18日, ¥12,800.00, 2024年度,
 * the document type's Chinese name from the file plan. A claim is named by its 赔案号, a policy by
 * its 保单号, a volume of accounting records by its 册号, a personnel file by the 员工编号 and a
 * volume of general records by its 案卷号.
 */
record RowRequest(DossierType type, String businessKey, ObjectNode dossier, ItemMetadataPart item, String fileName) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern YEAR = Pattern.compile("^(\\d{4})\\s*年?度?$");
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("理赔", "CLAIM"), Map.entry("理赔案卷", "CLAIM"),
            Map.entry("承保", "UNDERWRITING"), Map.entry("承保案卷", "UNDERWRITING"), Map.entry("财务", "FINANCE"),
            Map.entry("财务案卷", "FINANCE"), Map.entry("人事", "PERSONNEL"), Map.entry("人事案卷", "PERSONNEL"),
            Map.entry("文书", "GENERAL"), Map.entry("文书案卷", "GENERAL"));
    private static final Map<String, String> LEVELS = Map.of("公开", "PUBLIC", "内部", "INTERNAL", "秘密", "CONFIDENTIAL",
            "机密", "SECRET");
    private static final Map<String, Boolean> YES_NO = Map.of("是", true, "否", false, "true", true, "false", false,
            "yes", true, "no", false, "y", true, "n", false, "1", true, "0", false);

    /**
     * @param documentTypes the document types of each dossier type's record class, code to Chinese name
     */
    static RowRequest of(ManifestRow row, Map<DossierType, Map<String, String>> documentTypes) {
        DossierType type = type(row);
        String businessKey = businessKey(row, type);
        if (businessKey == null) {
            throw ProblemException.invalid(List.of(new FieldError(keyColumn(type), "validation.required")));
        }
        ObjectNode dossier = JSON.createObjectNode().put("type", type.name());
        put(dossier, "businessKey", row.get(ManifestColumns.BUSINESS_KEY));
        put(dossier, "policyNumber", row.get(ManifestColumns.POLICY_NUMBER));
        put(dossier, "claimNumber", row.get(ManifestColumns.CLAIM_NUMBER));
        put(dossier, "productLine", row.get(ManifestColumns.PRODUCT_LINE));
        put(dossier, "title", row.get(ManifestColumns.DOSSIER_TITLE));
        put(dossier, "department", row.get(ManifestColumns.DEPARTMENT));
        put(dossier, "securityLevel", mapped(LEVELS, row.get(ManifestColumns.SECURITY_LEVEL)));
        put(dossier, "insured", row.get(ManifestColumns.INSURED));
        put(dossier, "policyStart", date(row.get(ManifestColumns.POLICY_START)));
        put(dossier, "policyEnd", date(row.get(ManifestColumns.POLICY_END)));
        put(dossier, "lossDate", date(row.get(ManifestColumns.LOSS_DATE)));
        put(dossier, "claimAmount", money(row.get(ManifestColumns.CLAIM_AMOUNT)));
        put(dossier, "volumeNumber", row.get(ManifestColumns.VOLUME_NUMBER));
        put(dossier, "employeeNumber", row.get(ManifestColumns.EMPLOYEE_NUMBER));
        put(dossier, "fileNumber", row.get(ManifestColumns.FILE_NUMBER));
        put(dossier, "fiscalYear", year(row.get(ManifestColumns.FISCAL_YEAR)));

        String path = row.path();
        String fileName = PackagePaths.fileName(path);
        ObjectNode item = JSON.createObjectNode();
        put(item, "title", row.get(ManifestColumns.ITEM_TITLE));
        put(item, "documentType", documentType(row.get(ManifestColumns.DOCUMENT_TYPE), documentTypes.getOrDefault(type, Map.of())));
        put(item, "documentDate", date(row.get(ManifestColumns.DOCUMENT_DATE)));
        put(item, "securityLevel", mapped(LEVELS, row.get(ManifestColumns.ITEM_SECURITY_LEVEL)));
        String personal = row.get(ManifestColumns.PERSONAL_DATA);
        if (personal != null) {
            Boolean flag = YES_NO.get(personal.toLowerCase(java.util.Locale.ROOT));
            if (flag == null) {
                throw ProblemException.invalid(List.of(new FieldError(ManifestColumns.PERSONAL_DATA, "validation.boolean")));
            }
            item.put("personalData", flag);
        }
        return new RowRequest(type, businessKey, dossier, ItemMetadataPart.parse(item.toString(), fileName), fileName);
    }

    /**
     * Which of {@code slots} parallel slots imports the row: the same for every row of one dossier,
     * whatever else is wrong with the row.
     */
    static int slot(ManifestRow row, int slots) {
        String key;
        try {
            DossierType type = type(row);
            key = type.name() + "/" + businessKey(row, type);
        } catch (ProblemException unknownType) {
            key = "";
        }
        return Math.floorMod(key.hashCode(), slots);
    }

    /** The row's business key: given as such, or the number that identifies a dossier of its type. */
    private static String businessKey(ManifestRow row, DossierType type) {
        String given = row.get(ManifestColumns.BUSINESS_KEY);
        return given != null ? given : row.get(keyColumn(type));
    }

    /** The column whose number names a dossier of {@code type}: the manifest's columns bear the API's field names. */
    private static String keyColumn(DossierType type) {
        return type.keyField();
    }

    /** A fiscal year as ledgers write it (2024, 2024年, 2024年度); anything else is left for validation to name. */
    static String year(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        Matcher year = YEAR.matcher(stripped);
        return year.matches() ? year.group(1) : stripped;
    }

    private static DossierType type(ManifestRow row) {
        String value = row.get(ManifestColumns.TYPE);
        if (value == null) {
            // The first type whose own number the row gives: a claim names its policy too.
            for (DossierType type : List.of(DossierType.CLAIM, DossierType.UNDERWRITING, DossierType.FINANCE,
                    DossierType.PERSONNEL, DossierType.GENERAL)) {
                if (row.get(keyColumn(type)) != null) {
                    return type;
                }
            }
            throw ProblemException.invalid(List.of(new FieldError(ManifestColumns.TYPE, "validation.dossier.type")));
        }
        try {
            return DossierType.valueOf(TYPES.getOrDefault(value, value.toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new FieldError(ManifestColumns.TYPE, "validation.dossier.type")));
        }
    }

    /** A document type by its code or by its Chinese name in the file plan. */
    private static String documentType(String value, Map<String, String> types) {
        if (value == null || types.containsKey(value)) {
            return value;
        }
        return types.entrySet().stream().filter(entry -> entry.getValue().equals(value)).map(Map.Entry::getKey)
                .findFirst().orElse(value);
    }

    private static String mapped(Map<String, String> names, String value) {
        return value == null ? null : names.getOrDefault(value, value.toUpperCase(java.util.Locale.ROOT));
    }

    static String date(String value) {
        return LedgerValues.date(value);
    }

    static String money(String value) {
        return LedgerValues.money(value);
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
