package cn.insurer.archive.search;

import static cn.insurer.archive.search.SearchCorpus.D1;
import static cn.insurer.archive.search.SearchCorpus.D5;
import static cn.insurer.archive.search.SearchCorpus.SHANGHAI;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed syntax never chooses what is searched: the title-only pass (dossiers the caller may not
 * read) matches plain words against titles alone, and the readable pass holds only terms and
 * phrases of the text fields, whatever is typed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserQueryParserTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final Set<String> TITLE_FIELDS = Set.of(ArchiveFields.TITLE, ArchiveFields.TITLE_WORDS);
    private static final Set<String> TEXT_FIELDS = Set.of(ArchiveFields.TITLE, ArchiveFields.TITLE_WORDS,
            ArchiveFields.CONTENT, ArchiveFields.CONTENT_WORDS, ArchiveFields.IDENTIFIER);

    /** What an outside test tried, and its relatives. */
    static final List<String> HOSTILE = List.of(
            "content:\"张伟\"", "content:张伟", "content.words:张伟", "title.words:张伟", "title:张伟", "content:hiv*",
            "content:/hiv.*/", "/hiv.*/", "content:hiv~", "content:hiv~2", "content:h?v", "content:h*v",
            "content:[a TO z]", "content:{a TO z}", "+content:hiv", "-content:hiv", "(content:hiv)", "content\\:hiv",
            "content：张伟", "content\uFF1A\"张伟\"", "{!lucene}content:hiv", "{!lucene df=content}hiv", "张伟^10",
            "\"张伟 理赔\"~3", "securityLevel:SECRET", "securityLevel:SEC*", "department:北京分公司", "department:北*",
            "status:SEALED", "status:OPEN", "identifier:CL-2024-000100", "identifier:cl-2024*", "identifier:/cl.*/",
            "id:" + D5, "dossierId:" + D5, "_id:" + D5, "kind:dossier", "kind:item", "loanOnlyFrom:[0 TO 99999]",
            "year:2024", "year:[2000 TO 2030]", "type:CLAIM", "productLine:家财险", "archivalCode:AC*", "date:[0 TO 99999]",
            "*:*", "*", "?", "**", "?*", "content:*", "content:?*", "title:*", "title:/.*/", "*:* -zzz", "-zzz", "NOT zzz",
            "/[/", "content:/[/", "/(/", "/a{1,99999}/", "x^99999999999999999999999999999999999999999", "x^0", "x~0.5",
            "\"a b\"~99999999999", "((((", "))", "\"unclosed", "[a TO", "{a TO b]", "{!", "a:b:c", "\\", "x\\", "AND",
            "OR OR", "NOT", "&&", "||", "-", "+", "!", "~", "^", ":", "：", "\u0000", "\uFFFF", "\uD83D\uDE00 理赔",
            "(a (b (c (d (e (f (g (h (i (j))))))))))", "[* TO *]", "x:[* TO *]", "张伟 OR 李娜", "理赔 -定损",
            "理赔 AND NOT 定损", "“张伟”", "「理赔」", "CL-2025-000042", "PDAA2025310100000123");

    private ArchiveIndex index;
    private ArchiveSearcher searcher;
    private UserQueryParser parser;

    @BeforeAll
    void buildIndex(@TempDir Path dir) throws IOException {
        index = ArchiveIndex.open(dir.resolve("index")).index();
        SearchCorpus.feed(index);
        index.commit(1);
        index.refresh();
        searcher = new ArchiveSearcher(index);
        parser = new UserQueryParser(index.analyzers());
    }

    @AfterAll
    void closeIndex() throws IOException {
        index.close();
    }

    @Test
    void theTitleQueryHoldsOnlyTermsAndPhrasesOfTheTitleFields() {
        for (String typed : HOSTILE) {
            Query title = assertDoesNotThrow(() -> parser.parseTitle(typed), typed);
            assertPlain(title, TITLE_FIELDS, false, typed);
        }
    }

    @Test
    void fieldNamesInTheTitleQueryAreWordsThatMustBeInTheTitle() {
        assertEquals(terms(parser.parseTitle("content 张伟")), terms(parser.parseTitle("content:张伟")));
        assertTrue(terms(parser.parseTitle("securityLevel:SECRET")).stream()
                .allMatch(term -> TITLE_FIELDS.contains(term.field())), "no securityLevel term");
        assertInstanceOf(MatchNoDocsQuery.class, parser.parseTitle("*:*"));
        assertInstanceOf(MatchNoDocsQuery.class, parser.parseTitle("*"));
        assertInstanceOf(MatchNoDocsQuery.class, parser.parseTitle("-定损"), "exclusions alone would list everything");
        assertInstanceOf(MatchNoDocsQuery.class, parser.parseTitle("NOT 定损"));
    }

    @Test
    void plainWordsKeepPhrasesAlternativesAndExclusions() {
        assertEquals(2, PlainWords.of("张伟 OR 李娜").size());
        assertEquals(List.of(new PlainWords.Alternative(List.of(new PlainWords.Chunk("理赔", false)),
                List.of(new PlainWords.Chunk("定损", false)))), PlainWords.of("理赔 -定损"));
        assertEquals(PlainWords.of("理赔 -定损"), PlainWords.of("理赔 AND NOT 定损"));
        assertEquals(List.of(new PlainWords.Chunk("water damage", true)), PlainWords.of("\"water damage\"").get(0).required());
        assertEquals(List.of(new PlainWords.Chunk("张伟", true)), PlainWords.of("“张伟”").get(0).required());
        assertEquals(List.of(new PlainWords.Chunk("unclosed", false)), PlainWords.of("\"unclosed").get(0).required());
        assertEquals(List.of(), PlainWords.of("-a !b NOT c"));
        assertEquals(List.of(new PlainWords.Chunk("content:hiv*", false)), PlainWords.of("+content:hiv*").get(0).required());
    }

    @Test
    void theReadableQueryHoldsOnlyTermsAndPhrasesOfTheTextFields() {
        for (String typed : HOSTILE) {
            UserQueryParser.Text text = parser.text(typed);
            assertPlain(assertDoesNotThrow(() -> parser.parse(text), typed), TEXT_FIELDS, true, typed);
            Query relaxed = assertDoesNotThrow(() -> Ranking.SHIPPED.some(parser, text), typed);
            if (relaxed != null) {
                assertPlain(relaxed, TEXT_FIELDS, false, typed);
            }
            Query marked = assertDoesNotThrow(() -> parser.parseHighlight(text), typed);
            if (marked != null) {
                assertPlain(marked, TEXT_FIELDS, false, typed);
            }
        }
    }

    @Test
    void aFieldNameInTheReadableQuerySearchesTheTextForTheValue() {
        assertEquals(terms(parser.parse("secret")), terms(parser.parse("securityLevel:SECRET")));
        assertEquals(terms(parser.parse("张伟")), terms(parser.parse("content.words:张伟")));
        assertEquals(terms(parser.parse("hiv")), terms(parser.parse("content:hiv*")));
        assertEquals(terms(parser.parse("hiv")), terms(parser.parse("content:/hiv.*/")));
        assertInstanceOf(MatchNoDocsQuery.class, parser.parse("*:*"), "not everything");
    }

    @Test
    void outsideTheScopeOnlyTheTitleDecides() throws IOException {
        // Reads PUBLIC records of Shanghai only: D5 (SECRET, Beijing, 张伟, 暴雨, CL-2024-000100) lies outside.
        ArchiveSearcher.ReadingScope scope = new ArchiveSearcher.ReadingScope(Set.of("PUBLIC"), Set.of(SHANGHAI), TODAY);
        assertTrue(restricted("张伟", scope).contains(D5), "its title word finds it");
        List<String> leaking = new ArrayList<>();
        for (String typed : List.of("content:暴雨", "content:\"暴雨\"", "content.words:暴雨", "暴雨", "content:暴*",
                "content:/暴.*/", "identifier:CL-2024-000100", "identifier:cl-2024*", "CL-2024-000100", "PQAA2024110100000654",
                "securityLevel:SECRET", "department:北京分公司", "year:2024", "status:ARCHIVED", "id:" + D5, "dossierId:" + D5,
                "kind:dossier", "*:*", "*", "content:*", "title:*", "title:家财*", "content\\:暴雨", "content：暴雨",
                "{!lucene}content:暴雨", "loanOnlyFrom:[0 TO 99999]", "date:[0 TO 99999]")) {
            if (restricted(typed, scope).contains(D5)) {
                leaking.add(typed);
            }
        }
        assertEquals(List.of(), leaking);
        // Conditions on other fields beside a title word change nothing.
        assertEquals(restricted("张伟 content:暴雨", scope), restricted("张伟 content:冰雹", scope));
        assertEquals(restricted("张伟 -content:暴雨", scope), restricted("张伟 -content:冰雹", scope));
        assertTrue(restricted("张伟 -content:暴雨", scope).contains(D5));
        assertEquals(restricted("张伟 +securityLevel:SECRET", scope), restricted("张伟 +securityLevel:PUBLIC", scope));
        assertEquals(restricted("张伟 -department:北京分公司", scope), restricted("张伟 -department:上海分公司", scope));
        assertEquals(restricted("张伟 -identifier:CL-2024-000100", scope), restricted("张伟 -identifier:CL-1999-000000", scope));
        // Words the user excludes are excluded from titles too.
        assertFalse(restricted("张伟 -家财险", scope).contains(D5));
        assertTrue(restricted("李娜 OR 张伟", scope).contains(D5));
    }

    @Test
    void hostileAndLongestQueriesRunWithoutFailing() {
        ArchiveSearcher.ReadingScope scope = new ArchiveSearcher.ReadingScope(Set.of("PUBLIC", "INTERNAL"), Set.of(SHANGHAI), TODAY);
        List<String> queries = new ArrayList<>(HOSTILE);
        queries.add("张伟 OR ".repeat(28) + "张伟");
        queries.add("a OR ".repeat(39) + "a");
        queries.add("a ".repeat(99) + "a");
        queries.add("一 ".repeat(99) + "一");
        queries.add("-a ".repeat(66) + "b");
        queries.add("\"a\" ".repeat(49) + "b");
        queries.add("a1 ".repeat(66) + "b");
        queries.add("理赔".repeat(100));
        for (String typed : queries) {
            assertTrue(typed.length() <= SearchRequest.MAX_QUERY_LENGTH, typed);
            SearchRequest request = SearchRequest.builder().q(typed).size(20).build();
            assertDoesNotThrow(() -> searcher.search(request, scope, hit -> true), typed);
            assertDoesNotThrow(() -> searcher.restrictedTitles(typed, scope, 0, 20), typed);
        }
    }

    @Test
    void identifiersAndPhrasesStillMatch() throws IOException {
        assertTrue(searcher.search(SearchRequest.builder().q("CL-2025-000042").build()).hits().stream()
                .anyMatch(hit -> D1.equals(hit.dossierId())));
        assertTrue(searcher.search(SearchRequest.builder().q("identifier:CL-2025-000042").build()).hits().stream()
                .anyMatch(hit -> D1.equals(hit.dossierId())), "a field name is ignored, its value still searched");
    }

    private List<UUID> restricted(String typed, ArchiveSearcher.ReadingScope scope) throws IOException {
        return searcher.restrictedTitles(typed, scope, 0, 50).hits().stream().map(Hit::dossierId).toList();
    }

    private static Set<Term> terms(Query query) {
        Set<Term> terms = new java.util.HashSet<>();
        query.visit(org.apache.lucene.search.QueryVisitor.termCollector(terms));
        return terms;
    }

    /** Only boolean combinations of terms, zero-slop phrases and lead words on {@code fields}, our own boosts aside. */
    private static void assertPlain(Query query, Set<String> fields, boolean matchAllAllowed, String typed) {
        if (query instanceof BooleanQuery bool) {
            for (BooleanClause clause : bool.clauses()) {
                assertPlain(clause.getQuery(), fields, matchAllAllowed, typed);
            }
        } else if (query instanceof BoostQuery boost) {
            assertPlain(boost.getQuery(), fields, matchAllAllowed, typed);
        } else if (query instanceof TermQuery term) {
            assertTrue(fields.contains(term.getTerm().field()), typed + " → " + query);
        } else if (query instanceof PhraseQuery phrase) {
            assertEquals(0, phrase.getSlop(), typed + " → " + query);
            for (Term term : phrase.getTerms()) {
                assertTrue(fields.contains(term.field()), typed + " → " + query);
            }
        } else if (query instanceof OwnSimilarity own) {
            // The lead scored whatever the length of the text: the same words, only weighed otherwise.
            assertPlain(own.query(), fields, matchAllAllowed, typed);
        } else if (query instanceof org.apache.lucene.queries.spans.SpanFirstQuery first
                && first.getMatch() instanceof org.apache.lucene.queries.spans.SpanTermQuery term) {
            // The lead: a word of the text among its first positions.
            assertTrue(fields.contains(term.getTerm().field()), typed + " → " + query);
        } else if (query instanceof org.apache.lucene.queries.spans.SpanFirstQuery first
                && first.getMatch() instanceof org.apache.lucene.queries.spans.SpanNearQuery near) {
            // The lead of a word kept as a phrase (BLAKE2, a name): its terms in a row, in order.
            assertEquals(0, near.getSlop(), typed + " → " + query);
            assertTrue(near.isInOrder(), typed + " → " + query);
            for (org.apache.lucene.queries.spans.SpanQuery clause : near.getClauses()) {
                assertTrue(clause instanceof org.apache.lucene.queries.spans.SpanTermQuery term
                        && fields.contains(term.getTerm().field()), typed + " → " + query);
            }
        } else if (query instanceof MatchAllDocsQuery) {
            // Only exclusions (-定损): everything readable except those; never outside the scope.
            assertTrue(matchAllAllowed, typed + " → " + query);
        } else if (!(query instanceof MatchNoDocsQuery)) {
            fail(typed + " → " + query.getClass().getSimpleName() + " " + query);
        }
    }
}
