package cn.insurer.archive.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A query confined to a scope must find exactly what the same query intersected with the scope's
 * filter finds, with the same scores, in an index sorted by department as the archive's is, with
 * several segments and deleted documents.
 */
class ScopedQueryTest {

    private static final List<String> DEPARTMENTS = List.of("北京分公司", "上海分公司", "广东分公司", "总公司");
    private static final List<String> LEVELS = List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL");
    private static final List<String> WORDS = List.of("water", "fire", "theft", "storm", "collision", "glass");

    private Directory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;

    @BeforeEach
    void index() throws IOException {
        directory = new ByteBuffersDirectory();
        Random random = new Random(20261203L);
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer()).setIndexSort(ArchiveIndex.SORT);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < 3_000; i++) {
                Document doc = new Document();
                doc.add(new StringField(ArchiveFields.ID, "doc-" + i, Field.Store.YES));
                String department = DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
                doc.add(new StringField(ArchiveFields.DEPARTMENT, department, Field.Store.NO));
                doc.add(new SortedDocValuesField(ArchiveFields.DEPARTMENT, new BytesRef(department)));
                doc.add(new StringField(ArchiveFields.SECURITY_LEVEL, LEVELS.get(random.nextInt(LEVELS.size())), Field.Store.NO));
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 1 + random.nextInt(6); w++) {
                    text.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
                }
                doc.add(new TextField(ArchiveFields.CONTENT, text.toString(), Field.Store.NO));
                writer.addDocument(doc);
                if (i % 700 == 699) {
                    writer.commit();
                }
                if (i % 13 == 0) {
                    writer.deleteDocuments(new Term(ArchiveFields.ID, "doc-" + (i / 2)));
                }
            }
            writer.commit();
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        assertTrue(reader.leaves().size() > 1, "several segments");
        assertTrue(reader.hasDeletions(), "deleted documents");
    }

    @AfterEach
    void close() throws IOException {
        reader.close();
        directory.close();
    }

    @Test
    void findsWhatTheFilterFindsWithTheSameScores() throws IOException {
        Query standing = standing(Set.of("PUBLIC", "INTERNAL"), "上海分公司");
        Query lent = terms(ArchiveFields.ID, Set.of("doc-5", "doc-77", "doc-2999", "doc-1500"));
        for (String word : WORDS) {
            Query text = new TermQuery(new Term(ArchiveFields.CONTENT, word));
            assertSame(filtered(text, either(standing, lent), Occur.FILTER), scoped(text, standing, lent, true));
            assertSame(filtered(text, standing, Occur.FILTER), scoped(text, standing, null, true));
            assertSame(filtered(text, either(standing, lent), Occur.MUST_NOT), scoped(text, standing, lent, false));
        }
        Query both = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ArchiveFields.CONTENT, "water")), Occur.SHOULD)
                .add(new TermQuery(new Term(ArchiveFields.CONTENT, "storm")), Occur.SHOULD)
                .build();
        assertSame(filtered(both, either(standing, lent), Occur.FILTER), scoped(both, standing, lent, true));
    }

    @Test
    void countsWhatTheFilterCounts() throws IOException {
        Query standing = standing(Set.of("PUBLIC"), "广东分公司");
        Query lent = terms(ArchiveFields.ID, Set.of("doc-10", "doc-11"));
        Query text = new TermQuery(new Term(ArchiveFields.CONTENT, "fire"));
        int expected = searcher.count(filtered(text, either(standing, lent), Occur.FILTER));
        assertTrue(expected > 0);
        assertEquals(expected, searcher.count(scoped(text, standing, lent, true)));
        assertEquals(searcher.count(filtered(text, either(standing, lent), Occur.MUST_NOT)),
                searcher.count(scoped(text, standing, lent, false)));
    }

    @Test
    void aBranchsDocumentsFormOneSpanPerSegment() throws IOException {
        Query standing = standing(Set.of("PUBLIC", "INTERNAL", "CONFIDENTIAL"), "上海分公司");
        for (LeafReaderContext segment : reader.leaves()) {
            ScopeDocs docs = ScopeDocs.of(searcher, standing, segment);
            assertEquals(1, docs.starts().length, "one span in segment " + segment.ord);
            int inSpan = docs.ends()[0] - docs.starts()[0];
            assertEquals(docs.bits().cardinality(), inSpan, "the span holds the branch's documents only");
        }
    }

    @Test
    void loansFarFromTheSpanMakeTheirOwnAndNearOnesJoinIt() {
        FixedBitSet bits = new FixedBitSet(20_000);
        bits.set(1_000, 2_000);
        ScopeDocs branch = ScopeDocs.spans(bits);
        assertArrayEquals(new int[] {1_000}, branch.starts());
        assertArrayEquals(new int[] {2_000}, branch.ends());

        FixedBitSet far = new FixedBitSet(20_000);
        far.set(15_000);
        far.set(2_000 + ScopeDocs.MERGED_GAP);
        ScopeDocs lent = branch.with(far);
        assertArrayEquals(new int[] {1_000, 15_000}, lent.starts());
        assertArrayEquals(new int[] {2_001 + ScopeDocs.MERGED_GAP, 15_001}, lent.ends());
        assertTrue(lent.bits().get(15_000));
        assertEquals(1_000, branch.bits().cardinality(), "the cached scope is left as it was");
    }

    private Query scoped(Query text, Query standing, Query lent, boolean inside) {
        return new ScopedQuery(text, standing, lent, inside, new ScopeCache());
    }

    private static Query filtered(Query text, Query scope, Occur occur) {
        return new BooleanQuery.Builder().add(text, Occur.MUST).add(new ConstantScoreQuery(scope), occur).build();
    }

    private static Query either(Query standing, Query lent) {
        return new BooleanQuery.Builder().add(standing, Occur.SHOULD).add(lent, Occur.SHOULD).build();
    }

    private static Query standing(Set<String> levels, String department) {
        return new BooleanQuery.Builder()
                .add(terms(ArchiveFields.SECURITY_LEVEL, levels), Occur.FILTER)
                .add(new TermQuery(new Term(ArchiveFields.DEPARTMENT, department)), Occur.FILTER)
                .build();
    }

    private static Query terms(String field, Set<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private void assertSame(Query expected, Query actual) throws IOException {
        TopDocs want = searcher.search(expected, 5_000);
        TopDocs got = searcher.search(actual, 5_000);
        assertTrue(want.scoreDocs.length > 0, "the comparison finds something: " + expected);
        assertEquals(ids(want), ids(got), actual.toString());
        for (int i = 0; i < want.scoreDocs.length; i++) {
            assertEquals(want.scoreDocs[i].score, got.scoreDocs[i].score, 1e-6f);
        }
    }

    private List<String> ids(TopDocs docs) throws IOException {
        List<String> ids = new ArrayList<>();
        for (ScoreDoc doc : docs.scoreDocs) {
            ids.add(searcher.storedFields().document(doc.doc).get(ArchiveFields.ID));
        }
        return ids;
    }
}
