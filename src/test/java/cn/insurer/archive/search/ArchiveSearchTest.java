package cn.insurer.archive.search;

import static cn.insurer.archive.search.SearchCorpus.BEIJING;
import static cn.insurer.archive.search.SearchCorpus.D1;
import static cn.insurer.archive.search.SearchCorpus.D10;
import static cn.insurer.archive.search.SearchCorpus.D11;
import static cn.insurer.archive.search.SearchCorpus.D12;
import static cn.insurer.archive.search.SearchCorpus.D2;
import static cn.insurer.archive.search.SearchCorpus.D3;
import static cn.insurer.archive.search.SearchCorpus.D4;
import static cn.insurer.archive.search.SearchCorpus.D5;
import static cn.insurer.archive.search.SearchCorpus.D6;
import static cn.insurer.archive.search.SearchCorpus.D7;
import static cn.insurer.archive.search.SearchCorpus.D8;
import static cn.insurer.archive.search.SearchCorpus.D9;
import static cn.insurer.archive.search.SearchCorpus.HOME;
import static cn.insurer.archive.search.SearchCorpus.MOTOR;
import static cn.insurer.archive.search.SearchCorpus.itemId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveSearchTest {

    private ArchiveIndex index;
    private ArchiveSearcher searcher;

    @BeforeAll
    void buildIndex(@TempDir Path dir) throws IOException {
        index = ArchiveIndex.open(dir.resolve("index")).index();
        SearchCorpus.feed(index);
        index.commit(1);
        index.refresh();
        searcher = new ArchiveSearcher(index);
    }

    @AfterAll
    void closeIndex() throws IOException {
        index.close();
    }

    @Test
    void indexHoldsOneDocumentPerDossierAndItem() throws IOException {
        assertEquals(SearchCorpus.DOCUMENTS, index.numDocs());
        assertEquals(SearchCorpus.DOCUMENTS, search(SearchRequest.builder().size(0)).total());
    }

    @Test
    void twoCharacterWordFindsDossiersAndItemsContainingIt() throws IOException {
        assertEquals(Set.of(D1, itemId(1, 3), D2, D4, itemId(4, 2), D5, D7, D9, itemId(9, 1), D10, D12,
                itemId(12, 2)), ids("理赔"));
    }

    @Test
    void wordTheSegmenterSplitsIntoCharactersStillMatchesOnlyWhereItOccurs() throws IOException {
        // SmartChineseAnalyzer yields 定 + 损; only documents containing 定损 itself may match.
        assertEquals(Set.of(itemId(1, 2), itemId(2, 2), itemId(10, 1)), ids("定损"));
        assertEquals(Set.of(itemId(4, 1), itemId(5, 1), itemId(12, 1)), ids("浸泡"));
    }

    @Test
    void productName() throws IOException {
        assertEquals(Set.of(D4, itemId(4, 2), D5, D6, D12), ids("家财险"));
        assertEquals(Set.of(D1, D2, D3, D7, D10, D11, itemId(1, 3), itemId(3, 2), itemId(11, 1)), ids("车险"));
    }

    @Test
    void policyNumberMatchesExactly() throws IOException {
        assertEquals(Set.of(D1, itemId(1, 3)), ids("PDAA2025310100000123"));
        assertEquals(Set.of(D1, itemId(1, 3)), ids("pdaa2025310100000123"));
        assertEquals(Set.of(), ids("PDAA2025310100000124"));
    }

    @Test
    void claimNumberWithHyphensMatchesExactly() throws IOException {
        assertEquals(Set.of(D1, itemId(1, 3)), ids("CL-2025-000042"));
        assertEquals(Set.of(D2), ids("CL-2025-000043"));
    }

    @Test
    void archivalCodeMatchesTheDossier() throws IOException {
        assertEquals(Set.of(D3), ids("AC-2024-UW-0007"));
    }

    @Test
    void personName() throws IOException {
        assertEquals(Set.of(D1, itemId(1, 1), itemId(1, 3), D5), ids("张伟"));
        assertEquals(Set.of(D2, itemId(2, 1)), ids("李娜"));
    }

    @Test
    void mixedChineseAndEnglishShowsDocumentsWithBothTermsFirst() throws IOException {
        assertEquals(Set.of(D3, itemId(3, 2), D11), top("PICC 车险", 3));
        assertEquals(Set.of(D3, itemId(3, 2), D11), top("picc车险", 3));
        assertEquals(Set.of(D3, itemId(3, 2), D11, itemId(2, 3)), ids("PICC"));
    }

    @Test
    void quotedChinesePhraseRequiresAdjacentWords() throws IOException {
        Set<UUID> phrase = Set.of(itemId(1, 1), itemId(1, 3), itemId(3, 1), itemId(7, 1), itemId(9, 1));
        assertEquals(phrase, ids("\"交通事故\""));
        // Unquoted, the words 交通 and 事故 may stand apart: 交通管制期间…碰撞事故.
        Set<UUID> words = new HashSet<>(phrase);
        words.add(itemId(2, 1));
        assertEquals(words, ids("交通事故"));
    }

    @Test
    void traditionalQueriesFindSimplifiedText() throws IOException {
        assertEquals(ids("理赔"), ids("理賠"));
        assertEquals(12, ids("理賠").size());
        assertEquals(Set.of(D4, itemId(4, 2), D5, D6, D12), ids("家財險"));
        assertEquals(Set.of(D1, itemId(1, 1), itemId(1, 3), D5), ids("張偉"));
        assertEquals(Set.of(itemId(1, 2), itemId(2, 2), itemId(10, 1)), ids("定損"));
        assertEquals(Set.of(D3, itemId(3, 2), D11), top("PICC 車險", 3));
        assertEquals(Set.of(itemId(1, 1), itemId(1, 3), itemId(3, 1), itemId(7, 1), itemId(9, 1)),
                ids("\"交通事故\""));
    }

    @Test
    void simplifiedQueriesFindTraditionalTextAndHighlightTheOriginal(@TempDir Path dir) throws IOException {
        try (ArchiveIndex traditional = ArchiveIndex.open(dir).index()) {
            UUID dossier = UUID.randomUUID();
            UUID claimForm = UUID.randomUUID();
            UUID policy = UUID.randomUUID();
            traditional.upsertDossier(new DossierDocument(dossier, "CLAIM", "k", "車險理賠案卷 張偉", MOTOR, "d",
                    "PUBLIC", "ACTIVE", null, null, null, null, null, null, 2025, null), List.of(
                    new ItemDocument(claimForm, "理賠申請書", null, null, null, "被保險人張偉因交通事故申請理賠。"),
                    new ItemDocument(policy, "保險單", null, null, null, "家庭財產保險，保險期間一年。")));
            traditional.refresh();
            ArchiveSearcher search = new ArchiveSearcher(traditional);
            assertEquals(Set.of(dossier, claimForm), hitIds(search, "理赔"));
            assertEquals(Set.of(dossier, claimForm), hitIds(search, "张伟"));
            assertEquals(Set.of(claimForm, policy), hitIds(search, "保险"));
            assertEquals(Set.of(policy), hitIds(search, "\"家庭财产保险\""));
            assertEquals(Set.of(claimForm, policy), hitIds(search, "保險"));
            Hit hit = search.search(SearchRequest.builder().q("理赔").build(), h -> true).hits().stream()
                    .filter(h -> claimForm.equals(h.itemId())).findFirst().orElseThrow();
            assertEquals(List.of("<em>理賠</em>申請書 被保險人張偉因交通事故申請<em>理賠</em>。"), hit.highlights());
        }
    }

    private static Set<UUID> hitIds(ArchiveSearcher search, String q) throws IOException {
        return Set.copyOf(documentIds(search.search(SearchRequest.builder().q(q).size(SearchRequest.MAX_SIZE).build())));
    }

    @Test
    void quotedEnglishPhrase() throws IOException {
        assertEquals(Set.of(itemId(4, 3)), ids("\"water damage\""));
        assertEquals(Set.of(itemId(2, 3), itemId(4, 3)), ids("water damage"));
        assertEquals(Set.of(itemId(2, 3), itemId(4, 3)), ids("WATER"));
    }

    @Test
    void exclusionAndAlternatives() throws IOException {
        assertEquals(Set.of(itemId(1, 2), itemId(2, 2)), ids("定损 -发动机"));
        assertEquals(SearchCorpus.DOCUMENTS - 3, search(SearchRequest.builder().q("-定损").size(0)).total());
        assertEquals(Set.of(D2, itemId(2, 1), itemId(5, 1)), top("李娜 OR 暴雨导致", 3));
    }

    @Test
    void malformedSyntaxIsSearchedAsText() throws IOException {
        assertEquals(Set.of(itemId(1, 2), itemId(2, 2), itemId(10, 1)), ids("定损 ("));
        assertEquals(0, search(SearchRequest.builder().q("，。").size(0)).total());
    }

    @Test
    void longestAllowedChineseQueryStaysWithinTheClauseLimit() throws IOException {
        String longest = SearchCorpus.LONG_STATEMENT.substring(0, SearchRequest.MAX_QUERY_LENGTH);
        assertEquals(Set.of(itemId(1, 3)), ids(longest));
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.builder().q(longest + "险").build());
    }

    @Test
    void productLineFilter() throws IOException {
        assertEquals(Set.of(D1, itemId(1, 3), D2, D7, D10),
                ids(SearchRequest.builder().q("理赔").productLines(MOTOR)));
        assertEquals(10, search(SearchRequest.builder().q("理赔").productLines(MOTOR, HOME).size(0)).total());
    }

    @Test
    void typeFilterAppliesToItemsThroughTheirDossier() throws IOException {
        assertEquals(Set.of(D3, itemId(3, 1), itemId(3, 2), D6, itemId(6, 1), D8, itemId(8, 1), D11,
                itemId(11, 1)), ids(SearchRequest.builder().types("UNDERWRITING")));
    }

    @Test
    void departmentFilter() throws IOException {
        assertEquals(Set.of(D2, D5, D9, itemId(9, 1), D10),
                ids(SearchRequest.builder().q("理赔").departments(BEIJING)));
    }

    @Test
    void securityLevelFilterUsesTheStricterOfItemAndDossier() throws IOException {
        assertEquals(8, search(SearchRequest.builder().q("理赔").securityLevels("PUBLIC", "INTERNAL").size(0)).total());
        // 定损报告 of D1 is CONFIDENTIAL inside an INTERNAL dossier; D2 is CONFIDENTIAL throughout.
        assertEquals(Set.of(itemId(10, 1)), ids(SearchRequest.builder().q("定损").securityLevels("PUBLIC", "INTERNAL")));
        // The loss list of SECRET dossier D5 is marked PUBLIC, but is reported and filtered as SECRET.
        assertEquals(Set.of(itemId(4, 1), itemId(12, 1)),
                ids(SearchRequest.builder().q("浸泡").securityLevels("PUBLIC", "INTERNAL", "CONFIDENTIAL")));
        Hit lossList = search(SearchRequest.builder().q("暴雨导致")).hits().get(0);
        assertEquals(itemId(5, 1), lossList.itemId());
        assertEquals("SECRET", lossList.securityLevel());
    }

    @Test
    void dateRangeFilterIsInclusiveAndExcludesUndatedDocuments() throws IOException {
        SearchRequest.Builder firstHalf = SearchRequest.builder()
                .from(LocalDate.of(2025, 1, 1)).to(LocalDate.of(2025, 6, 30)).size(0);
        assertEquals(11, search(firstHalf).total());
        assertEquals(Set.of(D1, itemId(1, 3), D2, D7), ids(firstHalf.q("理赔").size(50)));
        assertEquals(4, search(SearchRequest.builder().from(LocalDate.of(2025, 3, 15)).to(LocalDate.of(2025, 3, 15))
                .size(0)).total());
        assertEquals(7, search(SearchRequest.builder().from(LocalDate.of(2025, 7, 1)).size(0)).total());
    }

    @Test
    void facetsCountEveryMatchNotJustThePage() throws IOException {
        SearchResult result = search(SearchRequest.builder().q("理赔").size(1));
        assertEquals(12, result.total());
        assertEquals(1, result.hits().size());
        Map<String, Map<String, Long>> facets = result.facets();
        assertEquals(Map.of(MOTOR, 5L, HOME, 5L, SearchCorpus.ACCIDENT, 2L), facets.get("productLine"));
        assertEquals(Map.of("CLAIM", 12L), facets.get("type"));
        assertEquals(Map.of("2025", 8L, "2024", 2L, "2023", 2L), facets.get("year"));
        assertEquals(Map.of(SearchCorpus.SHANGHAI, 7L, BEIJING, 5L), facets.get("department"));
        assertEquals(Map.of("INTERNAL", 8L, "CONFIDENTIAL", 3L, "SECRET", 1L), facets.get("securityLevel"));
        assertEquals(List.of("2025", "2023", "2024"), List.copyOf(facets.get("year").keySet()),
                "most frequent first, then by value");
    }

    @Test
    void facetsOverEverything() throws IOException {
        Map<String, Map<String, Long>> facets = search(SearchRequest.builder().size(0)).facets();
        assertEquals(Map.of("CLAIM", 24L, "UNDERWRITING", 9L), facets.get("type"));
        assertEquals(Map.of(MOTOR, 18L, HOME, 11L, SearchCorpus.ACCIDENT, 4L), facets.get("productLine"));
    }

    @Test
    void sortByDateNewestFirstWithUndatedLast() throws IOException {
        SearchResult result = search(SearchRequest.builder().types("CLAIM").size(50)
                .sort(SearchRequest.Order.DATE_DESC));
        List<UUID> dossierOrder = new ArrayList<>(new LinkedHashSet<>(
                result.hits().stream().map(Hit::dossierId).toList()));
        assertEquals(List.of(D12, D4, D2, D1, D7, D5, D10, D9), dossierOrder);
        assertTrue(result.hits().stream().noneMatch(h -> Float.isNaN(h.score())));

        List<UUID> all = new ArrayList<>(new LinkedHashSet<>(search(SearchRequest.builder().size(50)
                .sort(SearchRequest.Order.DATE_DESC)).hits().stream().map(Hit::dossierId).toList()));
        assertEquals(List.of(D12, D4, D2, D1, D7, D5, D10, D9), all.subList(0, 8));
        assertEquals(Set.of(D3, D6, D8, D11), Set.copyOf(all.subList(8, 12)));
    }

    @Test
    void pagingIsStableAndComplete() throws IOException {
        for (SearchRequest.Order order : SearchRequest.Order.values()) {
            List<UUID> paged = new ArrayList<>();
            for (int page = 0; page < 7; page++) {
                paged.addAll(documentIds(search(SearchRequest.builder().sort(order).page(page).size(5))));
            }
            assertEquals(SearchCorpus.DOCUMENTS, paged.size(), order.name());
            assertEquals(Set.copyOf(SearchCorpus.allDocumentIds()), Set.copyOf(paged), order.name());

            List<UUID> pages = new ArrayList<>(documentIds(search(SearchRequest.builder().sort(order).page(0).size(10))));
            pages.addAll(documentIds(search(SearchRequest.builder().sort(order).page(1).size(10))));
            assertEquals(documentIds(search(SearchRequest.builder().sort(order).size(20))), pages, order.name());
        }
        List<UUID> relevance = new ArrayList<>(documentIds(search(SearchRequest.builder().q("理赔").size(7))));
        relevance.addAll(documentIds(search(SearchRequest.builder().q("理赔").page(1).size(7))));
        assertEquals(12, relevance.size());
        assertEquals(ids("理赔"), Set.copyOf(relevance));
    }

    @Test
    void pageBeyondTheEndIsEmptyButCounted() throws IOException {
        SearchResult result = search(SearchRequest.builder().q("理赔").page(5).size(10));
        assertEquals(12, result.total());
        assertTrue(result.hits().isEmpty());
    }

    @Test
    void titlesRankAboveMentionsInText() throws IOException {
        List<Hit> hits = search(SearchRequest.builder().q("定损报告")).hits();
        assertEquals(List.of("定损报告", "定损报告", "定损报告"), hits.subList(0, 3).stream().map(Hit::title).toList());
        for (int i = 1; i < hits.size(); i++) {
            assertFalse(Float.isNaN(hits.get(i).score()));
            assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
        }
    }

    @Test
    void hitsCarryWhatAnAccessDecisionNeeds() throws IOException {
        Hit dossier = search(SearchRequest.builder().q("AC-2024-UW-0007")).hits().get(0);
        Hit.DossierHeading heading = new Hit.DossierHeading("车险承保案卷 王芳", null, null);
        assertEquals(new Hit(D3, null, "车险承保案卷 王芳", "AC-2024-UW-0007", MOTOR, "PUBLIC", SearchCorpus.SHANGHAI,
                dossier.score(), List.of(), heading), dossier);
        assertFalse(dossier.isItem());
        Hit item = search(SearchRequest.builder().q("\"PICC 车险保险单\"")).hits().get(0);
        assertEquals(new Hit(D3, itemId(3, 2), "保险单", "AC-2024-UW-0007", MOTOR, "PUBLIC", SearchCorpus.SHANGHAI,
                item.score(), List.of(), heading), item);
    }

    @Test
    void itemHitsCarryTheirDossiersTitleDateAndAmount() throws IOException {
        Hit item = only(search(SearchRequest.builder().q("CL-2025-000042")), itemId(1, 3));
        assertEquals("车险理赔案卷 张伟", item.dossier().title());
        assertEquals(new java.math.BigDecimal("10000.00"), item.dossier().amount());
        assertNotNull(item.dossier().date());
    }

    @Test
    void highlightsWrapTheWholeChineseWord() throws IOException {
        Hit hit = only(search(SearchRequest.builder().q("理赔").productLines(HOME), h -> true), itemId(4, 2));
        // The title is searched with the text, so it is highlighted too.
        assertEquals(List.of("<em>理赔</em>申请书 刘洋申请家财险<em>理赔</em>，损失金额约3万元。"), hit.highlights());

        Hit name = only(search(SearchRequest.builder().q("定损"), h -> true), itemId(10, 1));
        assertEquals(List.of("<em>定损</em>报告 车辆涉水行驶导致发动机进水，<em>定损</em>后更换发动机总成。 <em>定损</em>单"),
                name.highlights());
    }

    @Test
    void highlightsMergeOverlappingBigramsOfLongerWords() throws IOException {
        Hit hit = only(search(SearchRequest.builder().q("\"交通事故\""), h -> true), itemId(9, 1));
        assertEquals(List.of("孙磊因<em>交通事故</em>受伤住院，医疗费用合计5600元，申请意外险理赔。"), hit.highlights());
        Hit titled = only(search(SearchRequest.builder().q("交通事故"), h -> true), itemId(7, 1));
        assertTrue(titled.highlights().get(0).startsWith("<em>交通事故</em>责任认定书 陈杰驾驶的车辆与电动自行车发生<em>交通事故</em>"),
                titled.highlights().toString());
    }

    @Test
    void highlightsOfALongTextAreShortFragmentsAroundTheMatch() throws IOException {
        Hit statement = only(search(SearchRequest.builder().q("理赔 赔款"), h -> true), itemId(1, 3));
        assertFalse(statement.highlights().isEmpty());
        assertTrue(statement.highlights().size() <= 3);
        String joined = String.join(" ", statement.highlights());
        assertTrue(joined.contains("<em>理赔</em>"), joined);
        assertTrue(joined.contains("<em>赔款</em>"), joined);
        assertTrue(statement.highlights().stream().allMatch(f -> f.length() < 200), joined);
    }

    @Test
    void highlightsOfEnglishAndIdentifiers() throws IOException {
        Hit english = only(search(SearchRequest.builder().q("\"water damage\""), h -> true), itemId(4, 3));
        assertTrue(english.highlights().stream().anyMatch(f -> f.contains("<em>Water damage</em> to the living room")),
                english.highlights().toString());
        Hit claim = only(search(SearchRequest.builder().q("CL-2025-000042"), h -> true), itemId(1, 3));
        assertTrue(claim.highlights().stream().anyMatch(f -> f.contains("<em>CL-2025-000042</em>")),
                claim.highlights().toString());
    }

    @Test
    void highlightsOnlyForHitsTheCallerAllows() throws IOException {
        SearchResult result = search(SearchRequest.builder().q("张伟").size(10),
                hit -> !"SECRET".equals(hit.securityLevel()));
        assertEquals(4, result.hits().size());
        for (Hit hit : result.hits()) {
            if (hit.dossierId().equals(D5)) {
                assertEquals(List.of(), hit.highlights());
            } else {
                assertTrue(hit.highlights().stream().anyMatch(f -> f.contains("<em>张伟</em>")), hit.toString());
            }
        }
        assertTrue(searcher.search(SearchRequest.builder().q("张伟").build()).hits().stream()
                .allMatch(h -> h.highlights().isEmpty()));
    }

    @Test
    void highlightsEscapeMarkupInExtractedText(@TempDir Path dir) throws IOException {
        try (ArchiveIndex escaping = ArchiveIndex.open(dir).index()) {
            UUID id = UUID.randomUUID();
            escaping.upsertDossier(new DossierDocument(id, "CLAIM", "k", "t", MOTOR, "d", "PUBLIC", "ACTIVE", null,
                    null, null, null, null, null, 2025, null), List.of(new ItemDocument(UUID.randomUUID(), "x",
                    null, null, null, "<script>alert('理赔')</script> & more")));
            escaping.refresh();
            Hit hit = new ArchiveSearcher(escaping).search(SearchRequest.builder().q("理赔").build(), h -> true)
                    .hits().get(0);
            assertEquals(List.of("&lt;script&gt;alert(&#39;<em>理赔</em>&#39;)&lt;/script&gt; &amp; more"),
                    hit.highlights());
        }
    }

    @Test
    void similarDossiersShareSubjectMatter() throws IOException {
        SimilarResult similar = searcher.similar(D4, 3);
        List<UUID> dossiers = similar.hits().stream().map(Hit::dossierId).toList();
        assertFalse(dossiers.contains(D4));
        assertEquals(D12, dossiers.get(0), dossiers.toString());
        assertEquals(dossiers.size(), Set.copyOf(dossiers).size());
        assertTrue(similar.interestingTerms().containsAll(List.of("水管", "爆裂", "浸泡")),
                similar.interestingTerms().toString());
    }

    @Test
    void similarToAnUnknownDossierIsEmpty() throws IOException {
        SimilarResult similar = searcher.similar(UUID.randomUUID(), 5);
        assertTrue(similar.hits().isEmpty());
        assertTrue(similar.interestingTerms().isEmpty());
    }

    @Test
    void whenNoDocumentHasEveryWordThoseWithSomeAreFound() throws IOException {
        // No document mentions 地震; only the list of losses has both of the other two words.
        List<UUID> ordered = documentIds(searcher.search(SearchRequest.builder().q("暴雨 地下室 地震")
                .size(SearchRequest.MAX_SIZE).build()));
        assertEquals(itemId(5, 1), ordered.get(0), ordered::toString);
        assertTrue(ordered.contains(D5), ordered::toString);
    }

    @Test
    void relaxingNeverDropsANumber() throws IOException {
        assertEquals(Set.of(), ids("暴雨 浸泡 2099"));
        assertEquals(Set.of(), ids("PQAA2099 家财险 理赔"));
    }

    @Test
    void documentsWithEveryWordRankAboveThoseWithSome() throws IOException {
        List<UUID> ordered = documentIds(searcher.search(SearchRequest.builder().q("暴雨 浸泡")
                .size(SearchRequest.MAX_SIZE).build()));
        assertEquals(itemId(5, 1), ordered.get(0), ordered::toString);
        assertTrue(ordered.containsAll(List.of(itemId(4, 1), itemId(12, 1))), "pages with one of the words follow");
        List<UUID> before = documentIds(new ArchiveSearcher(index, Ranking.EVERY_WORD_ONLY).search(
                SearchRequest.builder().q("暴雨 浸泡").size(SearchRequest.MAX_SIZE).build()));
        assertEquals(List.of(itemId(5, 1)), before, "requiring every word alone finds only the one page");
    }

    private SearchResult search(SearchRequest.Builder request) throws IOException {
        return searcher.search(request.build());
    }

    private SearchResult search(SearchRequest.Builder request, Predicate<Hit> highlight)
            throws IOException {
        return searcher.search(request.build(), highlight);
    }

    /** The first {@code n} hits of {@code q}: those with every word, when more follow with some of them. */
    private Set<UUID> top(String q, int n) throws IOException {
        List<UUID> ordered = documentIds(search(SearchRequest.builder().q(q).size(SearchRequest.MAX_SIZE)));
        assertTrue(ordered.size() >= n, ordered::toString);
        return Set.copyOf(ordered.subList(0, n));
    }

    private Set<UUID> ids(String q) throws IOException {
        return ids(SearchRequest.builder().q(q));
    }

    private Set<UUID> ids(SearchRequest.Builder request) throws IOException {
        SearchResult result = search(request.size(SearchRequest.MAX_SIZE));
        Set<UUID> ids = Set.copyOf(documentIds(result));
        assertEquals(result.total(), ids.size(), "total agrees with the hits");
        return ids;
    }

    private static List<UUID> documentIds(SearchResult result) {
        return result.hits().stream().map(h -> h.isItem() ? h.itemId() : h.dossierId()).toList();
    }

    private static Hit only(SearchResult result, UUID itemId) {
        return result.hits().stream().filter(h -> itemId.equals(h.itemId())).findFirst()
                .orElseThrow(() -> new AssertionError(itemId + " not among " + result.hits()));
    }
}
