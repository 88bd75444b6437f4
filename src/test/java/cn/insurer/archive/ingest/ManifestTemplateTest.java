package cn.insurer.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.dossier.DossierType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template the import page offers is a manifest the import reads as it is: every heading known, every example row valid. */
class ManifestTemplateTest {

    private static final Map<DossierType, Map<String, String>> DOCUMENT_TYPES = Map.of(DossierType.CLAIM,
            Map.of("FIRST_NOTICE_OF_LOSS", "报案记录", "SURVEY_REPORT", "查勘报告"),
            DossierType.FINANCE, Map.of("BOOKKEEPING_VOUCHER", "记账凭证"));

    @Test
    void everyHeadingIsAColumnTheImportReads() {
        for (String heading : ManifestTemplate.HEADINGS) {
            assertTrue(ManifestColumns.field(heading).isPresent(), heading);
        }
    }

    @Test
    void theExampleRowsImportAsTheyAre(@TempDir Path temp) throws Exception {
        byte[] csv = ManifestTemplate.csv();
        assertTrue(new String(csv, StandardCharsets.UTF_8).startsWith("\uFEFF案卷类型,赔案号"), "a byte order mark, then the headings");

        Manifest manifest = Manifest.read("manifest.csv", new ByteArrayInputStream(csv), 10, temp);

        assertEquals(Map.of(), manifest.refused());
        assertEquals(List.of(), manifest.problems());
        assertEquals(3, manifest.rows().size());
        RowRequest first = RowRequest.of(manifest.rows().get(0), DOCUMENT_TYPES);
        RowRequest second = RowRequest.of(manifest.rows().get(1), DOCUMENT_TYPES);
        assertEquals(DossierType.CLAIM, first.type());
        assertEquals("CL2025-0001", first.businessKey());
        assertEquals("2025-06-18", first.dossier().get("lossDate").asText());
        assertEquals("18600.00", first.dossier().get("claimAmount").asText());
        assertEquals("INTERNAL", first.dossier().get("securityLevel").asText());
        assertEquals("FIRST_NOTICE_OF_LOSS", first.item().documentType());
        assertEquals("SURVEY_REPORT", second.item().documentType());
        assertEquals("出险通知书.pdf", first.fileName());
        RowRequest volume = RowRequest.of(manifest.rows().get(2), DOCUMENT_TYPES);
        assertEquals(DossierType.FINANCE, volume.type());
        assertEquals("PZ2024-001", volume.businessKey());
        assertEquals("2024", volume.dossier().get("fiscalYear").asText());
        assertEquals("BOOKKEEPING_VOUCHER", volume.item().documentType());
    }
}
