package cn.insurer.archive.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.storage.ContentHash;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Filing and sealing rules of a dossier, on the entity alone, at the instants the caller's clock gives. */
class DossierTest {

    private static final Instant OPENED = Instant.parse("2026-03-02T01:00:00Z");
    private static final Instant FILED = Instant.parse("2026-03-05T02:30:00Z");
    private static final Instant SEALED = Instant.parse("2026-04-10T08:00:00Z");

    @Test
    void itemsAreNumberedInFilingOrderAndStampedWithTheGivenInstant() {
        Dossier dossier = claim();
        Item first = dossier.file(item("报案记录", "a"), onFile(dossier), "clerk", seen -> true, FILED);
        Item second = dossier.file(item("查勘报告", "b"), onFile(dossier), "clerk", seen -> true, FILED.plusSeconds(60));
        assertEquals(1, first.itemNumber());
        assertEquals(2, second.itemNumber());
        assertEquals(FILED, first.createdAt());
        assertEquals(FILED.plusSeconds(60), dossier.updatedAt());
        assertEquals(OPENED, dossier.createdAt());
        assertEquals(SecurityLevel.INTERNAL, first.securityLevel(), "an item without its own level takes the dossier's");
    }

    @Test
    void theSameBytesAreFiledOncePerDossierAndTheRefusalNamesTheItemOnlyToThoseWhoMaySeeIt() {
        Dossier dossier = claim();
        dossier.file(item("报案记录", "same"), onFile(dossier), "clerk", seen -> true, FILED);
        ProblemException seen = assertThrows(ProblemException.class,
                () -> dossier.file(item("再次上传", "same"), onFile(dossier), "clerk", existing -> true, FILED));
        assertEquals(ProblemException.Kind.CONFLICT, seen.kind());
        assertEquals("problem.item.duplicate", seen.messageKey());
        assertEquals(1, seen.extensions().get("existingItemNumber"));
        ProblemException unseen = assertThrows(ProblemException.class,
                () -> dossier.file(item("再次上传", "same"), onFile(dossier), "clerk", existing -> false, FILED));
        assertEquals("problem.item.duplicate.restricted", unseen.messageKey());
        assertEquals(0, unseen.args().length, "nothing about the restricted item is told");
        assertEquals(1, dossier.items().size());
    }

    @Test
    void sealingRecordsTheCodeTheYearAndTheInstantAndFreezesTheContent() {
        Dossier dossier = claim();
        dossier.file(item("报案记录", "a"), onFile(dossier), "clerk", seen -> true, FILED);
        dossier.seal("IA-LP·2026-D10-LPB-0001", 2026, "clerk", null, SEALED);
        assertEquals(DossierStatus.SEALED, dossier.status());
        assertEquals("IA-LP·2026-D10-LPB-0001", dossier.archivalCode());
        assertEquals(2026, dossier.archivalYear());
        assertEquals(SEALED, dossier.sealedAt());
        assertEquals(SEALED, dossier.updatedAt());
        assertNull(dossier.completenessException());

        ProblemException again = assertThrows(ProblemException.class,
                () -> dossier.seal("IA-LP·2026-D10-LPB-0002", 2026, "clerk", null, SEALED.plusSeconds(1)));
        assertEquals(ProblemException.Kind.CONFLICT, again.kind());
        assertEquals("IA-LP·2026-D10-LPB-0001", dossier.archivalCode(), "a second seal changes nothing");
        ProblemException added = assertThrows(ProblemException.class,
                () -> dossier.file(item("补充材料", "late"), onFile(dossier), "clerk", seen -> true, SEALED.plusSeconds(5)));
        assertEquals("problem.dossier.sealed", added.messageKey());
        assertEquals(1, dossier.items().size());
    }

    @Test
    void anIncompleteDossierKeepsTheRecordedReasonForSealingIt() {
        Dossier dossier = claim();
        dossier.seal("IA-LP·2026-D10-LPB-0003", 2026, "manager", "原件遗失，已登记", SEALED);
        assertEquals("原件遗失，已登记", dossier.completenessException());
    }

    @Test
    void theBusinessYearIsTheLossYearForAClaimAndTheStartYearForAPolicy() {
        assertEquals(2025, claim().businessYear());
        Dossier policy = new Dossier(new DossierFacts(DossierType.UNDERWRITING, "PDAA2024001", "家财险", "王芳 家财险", "承保部",
                SecurityLevel.INTERNAL, "PDAA2024001", null, "王芳", LocalDate.of(2024, 7, 1), LocalDate.of(2025, 6, 30), null, null),
                "{}", "clerk", OPENED);
        assertEquals(2024, policy.businessYear());
        Dossier undated = new Dossier(new DossierFacts(DossierType.UNDERWRITING, "PDAA2024002", "家财险", "无起期", "承保部",
                SecurityLevel.INTERNAL, "PDAA2024002", null, "王芳", null, null, null, null), "{}", "clerk", OPENED);
        assertEquals(2026, undated.businessYear(), "without a start date, the year it was opened");
    }

    @Test
    void movingThePaperOriginalIsAllowedAfterSealing() {
        Dossier dossier = claim();
        dossier.seal("IA-LP·2026-D10-LPB-0004", 2026, "clerk", null, SEALED);
        dossier.locate(new PaperLocation("二号库房", "B-12", "0042"), SEALED.plusSeconds(3600));
        assertEquals("二号库房", dossier.paperLocation().orElseThrow().room());
        assertEquals(SEALED.plusSeconds(3600), dossier.updatedAt());
    }

    private static Dossier claim() {
        return new Dossier(new DossierFacts(DossierType.CLAIM, "CL2025001", "车险", "张伟 车险 理赔案卷", "理赔部",
                SecurityLevel.INTERNAL, "PDAA2025001", "CL2025001", "张伟", null, null, LocalDate.of(2025, 6, 18),
                new BigDecimal("12800.00")), "{}", "clerk", OPENED);
    }

    private static NewItem item(String title, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new NewItem(title, "SURVEY_REPORT", LocalDate.of(2025, 6, 20), title + ".txt", "text/plain", bytes.length,
                new ContentHash(sha256(bytes)), null, false, null);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dossier's own item list as the lookup, as the repository answers it from the database. */
    private static Dossier.ItemLookup onFile(Dossier dossier) {
        return new Dossier.ItemLookup() {
            @Override
            public int itemCount(java.util.UUID dossierId) {
                return dossier.items().size();
            }

            @Override
            public java.util.List<Item> itemsWithContent(java.util.UUID dossierId, String sha256) {
                return dossier.items().stream().filter(item -> item.sha256().equals(sha256)).toList();
            }
        };
    }
}
