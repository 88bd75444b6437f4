package cn.insurer.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A dossier changed since it was indexed is left out of every pass of a search, and out of similar
 * cases, until the index has caught up with it: its indexed fields may still say that a reader who
 * can no longer read it may.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WithheldDossierTest {

    private static final String CLAIMS = "理赔部";
    private static final String TOPIC = "台风过境，厂房屋顶被掀翻，仓库存货受淹，公估师现场查勘并核定损失。";
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final UUID CHANGED = UUID.randomUUID();
    private static final UUID STEADY = UUID.randomUUID();
    private static final UUID ELSEWHERE = UUID.randomUUID();

    private ArchiveIndex index;
    private ArchiveSearcher searcher;

    @BeforeAll
    void buildIndex(@TempDir Path dir) throws IOException {
        index = ArchiveIndex.open(dir.resolve("index")).index();
        index.upsertDossier(dossier(CHANGED, CLAIMS, "台风厂房理赔"), List.of(
                new ItemDocument(UUID.randomUUID(), "公估报告", "SURVEY_REPORT", "a.txt", null, "公估报告 " + TOPIC)));
        index.upsertDossier(dossier(STEADY, CLAIMS, "台风仓库理赔"), List.of(
                new ItemDocument(UUID.randomUUID(), "查勘报告", "SURVEY_REPORT", "b.txt", null, "查勘报告 " + TOPIC)));
        index.upsertDossier(dossier(ELSEWHERE, "承保部", "台风厂房承保"), List.of(
                new ItemDocument(UUID.randomUUID(), "风险评估", "SURVEY_REPORT", "c.txt", null, "风险评估 " + TOPIC)));
        index.commit(1);
        index.refresh();
        searcher = new ArchiveSearcher(index);
    }

    @AfterAll
    void closeIndex() throws IOException {
        index.close();
    }

    @Test
    void aWithheldDossierIsNeitherFoundNorCountedNorFaceted() throws IOException {
        ArchiveSearcher.ReadingScope adjuster = new ArchiveSearcher.ReadingScope(Set.of("PUBLIC", "INTERNAL"), Set.of(CLAIMS), TODAY);
        SearchRequest request = SearchRequest.builder().q("台风").size(20).build();

        Searching.Results before = Searching.find(searcher, adjuster, request, true);
        assertEquals(Set.of(CHANGED, STEADY), readable(before), "both claims are read, the underwriting file by title");
        assertEquals(Set.of(ELSEWHERE), restricted(before));
        assertEquals(5, before.total(), before.toString());

        Searching.Results after = Searching.find(searcher, adjuster.withholding(Set.of(CHANGED.toString(), ELSEWHERE.toString())),
                request, true);
        assertEquals(Set.of(STEADY), readable(after));
        assertEquals(Set.of(), restricted(after), "not even by title");
        assertEquals(2, after.total(), after.toString());
        long faceted = after.facets().values().stream().flatMap(counts -> counts.values().stream()).mapToLong(Long::longValue).max().orElse(0);
        assertEquals(2, faceted, after.facets().toString());
    }

    @Test
    void whoMayNotBorrowSeesNoTitleOutsideTheScope() throws IOException {
        ArchiveSearcher.ReadingScope adjuster = new ArchiveSearcher.ReadingScope(Set.of("PUBLIC", "INTERNAL"), Set.of(CLAIMS), TODAY);
        Searching.Results results = Searching.find(searcher, adjuster, SearchRequest.builder().q("台风").size(20).build(), false);
        assertEquals(Set.of(CHANGED, STEADY), readable(results));
        assertEquals(Set.of(), restricted(results));
        assertEquals(4, results.total(), "counted without the title outside the scope: " + results);
    }

    @Test
    void aWithheldDossierIsNoSimilarCase() throws IOException {
        ArchiveSearcher.ReadingScope adjuster = new ArchiveSearcher.ReadingScope(Set.of("PUBLIC", "INTERNAL"), Set.of(CLAIMS), TODAY);
        assertEquals(List.of(CHANGED), similarDossiers(STEADY, adjuster));
        assertEquals(List.of(), similarDossiers(STEADY, adjuster.withholding(Set.of(CHANGED.toString()))));
        assertTrue(searcher.similar(CHANGED, 5, adjuster.withholding(Set.of(CHANGED.toString()))).interestingTerms().isEmpty(),
                "nor does it lend its words");
    }

    private List<UUID> similarDossiers(UUID source, ArchiveSearcher.ReadingScope scope) throws IOException {
        return searcher.similar(source, 5, scope).hits().stream().map(Hit::dossierId).distinct().toList();
    }

    private static Set<UUID> readable(Searching.Results results) {
        return results.hits().stream().filter(hit -> !hit.restricted()).map(hit -> hit.hit().dossierId())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static Set<UUID> restricted(Searching.Results results) {
        return results.hits().stream().filter(Searching.ShownHit::restricted).map(hit -> hit.hit().dossierId())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static DossierDocument dossier(UUID id, String department, String title) {
        return new DossierDocument(id, "CLAIM", "CL-" + id, title, "企财险", department, "INTERNAL", "OPEN", null,
                null, "CL-" + id.toString().substring(0, 8), "李娜", LocalDate.of(2025, 9, 2), new BigDecimal("1.00"), 2025, "");
    }
}
