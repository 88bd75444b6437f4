package cn.insurer.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.dossier.DossierType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowRequestTest {

    private static final Map<DossierType, Map<String, String>> TYPES = Map.of(DossierType.CLAIM,
            Map.of("SURVEY_REPORT", "查勘报告", "OTHER", "其他材料"));

    private static ManifestRow row(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return new ManifestRow(2, fields);
    }

    @Test
    void ledgerValuesBecomeTheValuesAClerkWouldSend() {
        RowRequest request = RowRequest.of(row(ManifestColumns.TYPE, "理赔", ManifestColumns.CLAIM_NUMBER, "CL1",
                ManifestColumns.LOSS_DATE, "2025年6月8日", ManifestColumns.CLAIM_AMOUNT, "¥12,800.00",
                ManifestColumns.SECURITY_LEVEL, "秘密", ManifestColumns.DOCUMENT_TYPE, "查勘报告",
                ManifestColumns.PERSONAL_DATA, "是", ManifestColumns.PATH, "scans/查勘.pdf"), TYPES);
        assertEquals(DossierType.CLAIM, request.type());
        assertEquals("CL1", request.businessKey());
        assertEquals("2025-06-08", request.dossier().get("lossDate").asText());
        assertEquals("12800.00", request.dossier().get("claimAmount").asText());
        assertEquals("CONFIDENTIAL", request.dossier().get("securityLevel").asText());
        assertEquals("SURVEY_REPORT", request.item().documentType());
        assertEquals("查勘.pdf", request.item().title());
        assertEquals(true, request.item().personalData());
        assertEquals("查勘.pdf", request.fileName());
    }

    @Test
    void theTypeFollowsFromTheKeyWhenNotGivenAndAKeyIsRequired() {
        assertEquals(DossierType.UNDERWRITING, RowRequest.of(row(ManifestColumns.POLICY_NUMBER, "P1",
                ManifestColumns.DOCUMENT_TYPE, "OTHER", ManifestColumns.PATH, "a.txt"), TYPES).type());
        assertThrows(ProblemException.class, () -> RowRequest.of(row(ManifestColumns.TYPE, "理赔",
                ManifestColumns.DOCUMENT_TYPE, "OTHER", ManifestColumns.PATH, "a.txt"), TYPES));
        assertThrows(ProblemException.class, () -> RowRequest.of(row(ManifestColumns.TYPE, "火星",
                ManifestColumns.CLAIM_NUMBER, "CL1", ManifestColumns.PATH, "a.txt"), TYPES));
        assertThrows(ProblemException.class, () -> RowRequest.of(row(ManifestColumns.CLAIM_NUMBER, "CL1",
                ManifestColumns.PERSONAL_DATA, "也许", ManifestColumns.DOCUMENT_TYPE, "OTHER", ManifestColumns.PATH, "a.txt"), TYPES));
    }

    @Test
    void aVolumeOfAccountingRecordsIsNamedByItsVolumeNumberAndFiscalYear() {
        RowRequest request = RowRequest.of(row(ManifestColumns.VOLUME_NUMBER, "PZ2024-007",
                ManifestColumns.FISCAL_YEAR, "2024年度", ManifestColumns.DOCUMENT_TYPE, "OTHER", ManifestColumns.PATH, "凭证.pdf"), TYPES);
        assertEquals(DossierType.FINANCE, request.type(), "a 册号 alone says which category");
        assertEquals("PZ2024-007", request.businessKey());
        assertEquals("PZ2024-007", request.dossier().get("volumeNumber").asText());
        assertEquals("2024", request.dossier().get("fiscalYear").asText());
        assertEquals("二〇二四", RowRequest.year("二〇二四"), "what is not a year is left for validation to name");
        ProblemException missing = assertThrows(ProblemException.class, () -> RowRequest.of(row(ManifestColumns.TYPE, "财务",
                ManifestColumns.POLICY_NUMBER, "P1", ManifestColumns.PATH, "a.txt"), TYPES));
        assertEquals(ManifestColumns.VOLUME_NUMBER, missing.errors().get(0).field());
        assertEquals(RowRequest.slot(row(ManifestColumns.TYPE, "财务", ManifestColumns.VOLUME_NUMBER, "PZ1"), 7),
                RowRequest.slot(row(ManifestColumns.VOLUME_NUMBER, "PZ1", ManifestColumns.ITEM_TITLE, "另一件"), 7));
    }

    @Test
    void everyRowOfADossierFallsInTheSameSlot() {
        int slot = RowRequest.slot(row(ManifestColumns.TYPE, "理赔", ManifestColumns.CLAIM_NUMBER, "CL1"), 2);
        assertEquals(slot, RowRequest.slot(row(ManifestColumns.CLAIM_NUMBER, "CL1", ManifestColumns.POLICY_NUMBER, "P9"), 2));
        assertEquals(slot, RowRequest.slot(row(ManifestColumns.TYPE, "CLAIM", ManifestColumns.CLAIM_NUMBER, "CL1",
                ManifestColumns.ITEM_TITLE, "另一件"), 2));
        assertEquals(0, RowRequest.slot(row(ManifestColumns.TYPE, "火星"), 2));
    }
}
