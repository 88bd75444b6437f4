package cn.insurer.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Similar cases draw their "like this" text and their shared words only from documents of the
 * source dossier the caller may read, and find only readable dossiers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimilarScopeTest {

    private static final String CLAIMS = "理赔部";
    private static final String TOPIC = "暴雨导致车库进水，车辆发动机浸水受损，查勘员现场拍照定损，按车损险条款核定赔款。";
    private static final UUID SOURCE = UUID.randomUUID();
    private static final UUID OPEN_ITEM = UUID.randomUUID();
    private static final UUID SECRET_ITEM = UUID.randomUUID();
    private static final UUID PERSONAL_ITEM = UUID.randomUUID();
    private static final UUID LENT_ITEM = UUID.randomUUID();
    private static final UUID FOREIGN = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    private ArchiveIndex index;
    private ArchiveSearcher searcher;

    @BeforeAll
    void buildIndex(@TempDir Path dir) throws IOException {
        index = ArchiveIndex.open(dir.resolve("index")).index();
        index.upsertDossier(dossier(SOURCE, CLAIMS), List.of(
                new ItemDocument(OPEN_ITEM, "查勘报告", "SURVEY_REPORT", "a.txt", "INTERNAL", "查勘报告 " + TOPIC),
                new ItemDocument(SECRET_ITEM, "调查", "SURVEY_REPORT", "b.txt", "SECRET",
                        "绝密调查 73920184 73920184 73920184 " + TOPIC),
                new ItemDocument(PERSONAL_ITEM, "身份证", "ID_COPY", "c.txt", null,
                        "身份证 银行卡 58203917 58203917 58203917 " + TOPIC, TODAY.minusDays(30))));
        index.upsertDossier(dossier(FOREIGN, "承保部"), List.of(
                new ItemDocument(LENT_ITEM, "维修清单", "SURVEY_REPORT", "d.txt", null, "维修清单 46120375 46120375 " + TOPIC),
                new ItemDocument(UUID.randomUUID(), "内部评估", "SURVEY_REPORT", "e.txt", null,
                        "内部评估 91827364 91827364 " + TOPIC)));
        index.upsertDossier(dossier(OTHER, CLAIMS), List.of(new ItemDocument(UUID.randomUUID(), "查勘报告",
                "SURVEY_REPORT", "f.txt", null, "查勘报告 73920184 58203917 46120375 91827364 " + TOPIC)));
        index.commit(1);
        index.refresh();
        searcher = new ArchiveSearcher(index);
    }

    @AfterAll
    void closeIndex() throws IOException {
        index.close();
    }

    @Test
    void wordsOfItemsAboveClearanceOrPastTheirPurposeAreNeverShared() throws IOException {
        ArchiveSearcher.ReadingScope confidential = new ArchiveSearcher.ReadingScope(
                Set.of("PUBLIC", "INTERNAL", "CONFIDENTIAL"), Set.of(CLAIMS), TODAY);
        SimilarResult similar = searcher.similar(SOURCE, 5, confidential);
        assertEquals(List.of(OTHER), similar.hits().stream().map(Hit::dossierId).distinct().toList());
        assertFalse(similar.interestingTerms().contains("73920184"), similar.interestingTerms().toString());
        assertFalse(similar.interestingTerms().contains("58203917"), similar.interestingTerms().toString());
        assertTrue(similar.interestingTerms().contains("车库"), similar.interestingTerms().toString());

        // Without a scope (an archive-wide reader of everything) the same words do connect the cases.
        SimilarResult everything = searcher.similar(SOURCE, 5);
        assertTrue(everything.interestingTerms().containsAll(List.of("73920184", "58203917")),
                everything.interestingTerms().toString());
    }

    @Test
    void aLentItemIsUsedButNotItsUnlentSibling() throws IOException {
        ArchiveSearcher.ReadingScope borrower = new ArchiveSearcher.ReadingScope(Set.of("PUBLIC", "INTERNAL"), Set.of(CLAIMS),
                Set.of(), Set.of(FOREIGN.toString()), Set.of(LENT_ITEM.toString()), TODAY);
        SimilarResult similar = searcher.similar(FOREIGN, 5, borrower);
        assertTrue(similar.interestingTerms().contains("46120375"), similar.interestingTerms().toString());
        assertFalse(similar.interestingTerms().contains("91827364"), similar.interestingTerms().toString());
        assertFalse(similar.hits().stream().anyMatch(hit -> SECRET_ITEM.equals(hit.itemId())));
    }

    @Test
    void nothingOfADossierOutsideTheScopeIsUsed() throws IOException {
        ArchiveSearcher.ReadingScope stranger = new ArchiveSearcher.ReadingScope(Set.of("PUBLIC", "INTERNAL"), Set.of("承保部"), TODAY);
        SimilarResult similar = searcher.similar(SOURCE, 5, stranger);
        assertTrue(similar.hits().isEmpty());
        assertTrue(similar.interestingTerms().isEmpty());
    }

    private static DossierDocument dossier(UUID id, String department) {
        return new DossierDocument(id, "CLAIM", "CL-" + id, "车险理赔案卷", "车险", department, "INTERNAL", "OPEN", null,
                null, "CL-" + id.toString().substring(0, 8), "张伟", LocalDate.of(2025, 6, 18), new BigDecimal("1.00"), 2025, "");
    }
}
