package cn.insurer.archive.search;

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
import static cn.insurer.archive.search.SearchCorpus.D9;
import static cn.insurer.archive.search.SearchCorpus.itemId;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.IOUtils;
import org.junit.jupiter.api.Test;

/**
 * Known-item relevance of the archive's ranking beside bare Lucene as people use it, on two
 * corpora of Chinese documentation nobody here wrote, in simplified and traditional characters.
 *
 * <p>Each page or section becomes one document; its title is the query and the document the one
 * right answer; the title itself is never indexed. Corpus A is the zh_CN manual pages of
 * manpages-zh and the sections of debian-reference-zh-cn, on which the ranking was tuned; corpus
 * B, the sections of debian-faq-zh-cn and maint-guide-zh-cn, only reports. Traditional queries are
 * made from the simplified ones by ICU's Simplified-Traditional transform.
 *
 * <p>The bare baselines index the text in one field and parse the title with the classic
 * {@link QueryParser} (default OR, BM25), with no archive code. The archive runs through
 * {@link ArchiveIndex} and {@link ArchiveSearcher} in two layouts: twenty pages to a dossier, and
 * each page the only item of its own dossier with an uninformative dossier title, searched inside
 * a reading scope as {@code GET /api/search} does ({@link Searching#find}). A second table runs
 * hand-written insurance queries against {@link SearchCorpus} with their expected hits.
 *
 * <p>Run with {@code ./archive relevance} (installs the corpus packages) or
 * {@code mvn -o test -Dtest=RelevanceBench}; writes the tables to {@code target/relevance.md}.
 */
class RelevanceBench {

    private static final int K = 10;
    private static final int ITEMS_PER_DOSSIER = 20;
    /** {@code -Dbench.relevance.tune=true}: corpus A and the variants only, for choosing among them. */
    private static final boolean TUNING = Boolean.getBoolean("bench.relevance.tune");
    /** {@code -Dbench.relevance.all=true}: every variant on both corpora and in both layouts, not only on corpus A. */
    private static final boolean ALL_VARIANTS = Boolean.getBoolean("bench.relevance.all");

    private static final java.util.regex.Pattern ONLY = System.getProperty("bench.relevance.only") == null ? null
            : java.util.regex.Pattern.compile(System.getProperty("bench.relevance.only"));

    /** {@code -Dbench.relevance.layout=api}: tune on the layout of {@code GET /api/search}, each page its own dossier. */
    private static final boolean TUNING_API_LAYOUT = "api".equals(System.getProperty("bench.relevance.layout"));
    private static final Set<String> EVERY_LEVEL = Set.of("PUBLIC", "INTERNAL", "CONFIDENTIAL", "SECRET");

    private record Choice(String name, Ranking ranking) {
    }

    /** What ships, what shipped before it, and the variants it was chosen from (on corpus A). */
    private static final List<Choice> CHOICES = List.of(
            new Choice("archive, every word only (two versions ago)", Ranking.EVERY_WORD_ONLY),
            new Choice("archive, every word first at any length (before)", Ranking.EVERY_WORD_FIRST),
            new Choice("archive, the opening alone counted extra (two rankings ago)", Ranking.OPENING_ONLY),
            new Choice("archive, the opening's words without its character pairs (last shipped)", Ranking.WORDS_IN_OPENING),
            new Choice("archive, every word first for up to two words and keyword lists (shipped)", Ranking.SHIPPED),
            new Choice("  every word first up to two words, no keyword lists", Ranking.SHORT_TIER),
            new Choice("  every word first at any length, no lead, k1 1.2", Ranking.PREVIOUS),
            new Choice("  without the lead", new Ranking(true, 2, true, 6, 0.25f, 1f, 0.5f, 2f, 0f, 150, 2f, 0.75f)),
            new Choice("  every word first up to three words", new Ranking(true, 3, true, 6, 0.25f, 1f, 0.5f, 2f, 2f, 150, 2f, 0.75f)),
            new Choice("  no every-word tier", new Ranking(true, 0, false, 6, 0.25f, 1f, 0.5f, 2f, 2f, 150, 2f, 0.75f)),
            new Choice("  k1 1.2", new Ranking(true, 2, true, 6, 0.25f, 1f, 0.5f, 2f, 2f, 150, 1.2f, 0.75f)),
            new Choice("  b 0.6 k1 1.5", new Ranking(true, 2, true, 6, 0.25f, 1f, 0.5f, 2f, 2f, 150, 1.5f, 0.6f)),
            new Choice("  b 0.6 k1 1.2", new Ranking(true, 2, true, 6, 0.25f, 1f, 0.5f, 2f, 2f, 150, 1.2f, 0.6f)),
            new Choice("  k1 1.5", new Ranking(true, 2, true, 6, 0.25f, 1f, 0.5f, 2f, 2f, 150, 1.5f, 0.75f)),
            new Choice("  b 0.65", new Ranking(true, 2, true, 6, 0.25f, 1f, 0.5f, 2f, 2f, 150, 2f, 0.65f)),
            new Choice("  neighbouring words up to one word apart", Ranking.SHIPPED.withSlop(1)),
            new Choice("  neighbouring words up to two words apart", Ranking.SHIPPED.withSlop(2)),
            new Choice("  neighbouring words up to three words apart", Ranking.SHIPPED.withSlop(3)),
            // Other similarities with the opening on the field, so that every part of the score is theirs.
            new Choice("  LM Dirichlet", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS_BY_LENGTH).withScoring(Ranking.Scoring.LM_DIRICHLET)),
            new Choice("  LM Jelinek-Mercer", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS_BY_LENGTH).withScoring(Ranking.Scoring.LM_JELINEK_MERCER)),
            new Choice("  DFR In-L-H2", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS_BY_LENGTH).withScoring(Ranking.Scoring.DFR_IN_L_H2)),
            new Choice("  DFR G-B-H2", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS_BY_LENGTH).withScoring(Ranking.Scoring.DFR_G_B_H2)),
            new Choice("  IB LL-DF-H2", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS_BY_LENGTH).withScoring(Ranking.Scoring.IB_LL_DF_H2)),
            new Choice("  IB SPL-DF-H2", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS_BY_LENGTH).withScoring(Ranking.Scoring.IB_SPL_DF_H2)),
            new Choice("  DFI chi-squared", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS_BY_LENGTH).withScoring(Ranking.Scoring.DFI_CHI_SQUARED)),
            new Choice("  axiomatic F2EXP", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS_BY_LENGTH).withScoring(Ranking.Scoring.AXIOMATIC_F2EXP)),
            new Choice("  axiomatic F2LOG", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS_BY_LENGTH).withScoring(Ranking.Scoring.AXIOMATIC_F2LOG)),
            new Choice("  the opening counting single terms only, discounted by length (shipped before)", Ranking.SHIPPED.withOpening(Ranking.Opening.TERMS_BY_LENGTH)),
            new Choice("  the opening counting words by length", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS_BY_LENGTH)),
            new Choice("  the opening not discounted for the length of the text", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS)),
            new Choice("  the opening counting whether it has a word", Ranking.SHIPPED.withOpening(Ranking.Opening.WORDS_PRESENT)),
            new Choice("  particles not counted in the opening", Ranking.SHIPPED.withParticles(Ranking.Particles.NOT_IN_OPENING)),
            new Choice("  particles not counted in the opening nor in neighbouring pairs",
                    Ranking.SHIPPED.withParticles(Ranking.Particles.NOT_IN_OPENING_OR_PAIRS)),
            new Choice("  every word standing together 0.5", Ranking.SHIPPED.withTogether(0.5f)),
            new Choice("  every word standing together 2", Ranking.SHIPPED.withTogether(2f)),
            new Choice("  runs of single characters relaxed only with two words", Ranking.SHIPPED.withRuns(false)),
            new Choice("  no words further on counted", Ranking.SHIPPED.withFurther(0f, 0)),
            new Choice("  words further on up to 500 positions", Ranking.SHIPPED.withFurther(0.5f, 500)),
            new Choice("  character pairs in the opening, boost 0.5", Ranking.SHIPPED.withBigramLead(0.5f, 175)),
            new Choice("  character pairs in the opening, boost 1.5", Ranking.SHIPPED.withBigramLead(1.5f, 175)),
            new Choice("  character pairs in the opening up to 150 positions", Ranking.SHIPPED.withBigramLead(1f, 150)),
            new Choice("  character pairs in the opening up to 200 positions", Ranking.SHIPPED.withBigramLead(1f, 200)),
            new Choice("  character pairs in the opening up to 250 positions", Ranking.SHIPPED.withBigramLead(1f, 250)));

    private record Bare(String name, Supplier<Analyzer> analyzer) {
    }

    private static final List<Bare> BARE = List.of(
            new Bare("bare Lucene, StandardAnalyzer", StandardAnalyzer::new),
            new Bare("bare Lucene, CJKAnalyzer", CJKAnalyzer::new),
            new Bare("bare Lucene, SmartChineseAnalyzer", SmartChineseAnalyzer::new));

    /** A hand-written insurance query and every document it should find in {@link SearchCorpus}. */
    private record Expected(String query, Set<UUID> relevant) {
    }

    private static List<Expected> insuranceQueries() {
        Set<UUID> claims = Set.of(D1, itemId(1, 3), D2, D4, itemId(4, 2), D5, D7, D9, itemId(9, 1), D10, D12,
                itemId(12, 2));
        Set<UUID> zhangWei = Set.of(D1, itemId(1, 1), itemId(1, 3), D5);
        Set<UUID> home = Set.of(D4, itemId(4, 2), D5, D6, D12);
        return List.of(
                new Expected("理赔", claims),
                new Expected("理賠", claims),
                new Expected("定损", Set.of(itemId(1, 2), itemId(2, 2), itemId(10, 1))),
                new Expected("浸泡", Set.of(itemId(4, 1), itemId(5, 1), itemId(12, 1))),
                new Expected("车险", Set.of(D1, D2, D3, D7, D10, D11, itemId(1, 3), itemId(3, 2), itemId(11, 1))),
                new Expected("家财险", home),
                new Expected("家財險", home),
                new Expected("张伟", zhangWei),
                new Expected("張偉", zhangWei),
                new Expected("李娜", Set.of(D2, itemId(2, 1))),
                new Expected("PICC 车险", Set.of(D3, itemId(3, 2), D11)),
                new Expected("picc車險", Set.of(D3, itemId(3, 2), D11)),
                new Expected("水管爆裂", Set.of(D4, itemId(4, 1), itemId(12, 1))),
                new Expected("CL-2025-000042", Set.of(D1, itemId(1, 3))),
                new Expected("PDAA2025310100000123", Set.of(D1, itemId(1, 3))),
                new Expected("\"water damage\"", Set.of(itemId(4, 3))));
    }

    private record Corpus(String name, List<KnownItemCorpus.KnownItem> items) {
    }

    @Test
    void relevance() throws IOException {
        Report report = run(Path.of(System.getProperty("bench.relevance.man", "/usr/share/man/zh_CN")),
                Path.of(System.getProperty("bench.relevance.reference", "/usr/share/debian-reference")),
                List.of(Path.of(System.getProperty("bench.relevance.faq", "/usr/share/doc/debian/FAQ/zh-cn")),
                        Path.of(System.getProperty("bench.relevance.maint", "/usr/share/doc/maint-guide-zh-cn/html"))),
                Path.of(System.getProperty("bench.relevance.out", "target/relevance.md")));
        assertTrue(report.queries() >= 100, "too few known items in corpus A; are manpages-zh and debian-reference-zh-cn installed?");
        assertTrue(report.secondQueries() >= 100, "too few known items in corpus B; are debian-faq-zh-cn and maint-guide-zh-cn installed?");
    }

    private record Report(int queries, int secondQueries) {
    }

    private static Report run(Path manDir, Path referenceDir, List<Path> secondDirs, Path out) throws IOException {
        List<Corpus> corpora = List.of(
                new Corpus("A", KnownItemCorpus.load(manDir, referenceDir)),
                new Corpus("B", KnownItemCorpus.docBook(secondDirs)));
        Transliterator toTraditional = Transliterator.getInstance("Simplified-Traditional");
        StringBuilder table = new StringBuilder();
        table.append("Known items, title as query, page without its title as the answer. A: ")
                .append(corpora.get(0).items().size()).append(" pages of manpages-zh and debian-reference-zh-cn (tuned on); B: ")
                .append(corpora.get(1).items().size()).append(" sections of debian-faq-zh-cn and maint-guide-zh-cn\n\n");
        table.append("| system | layout | corpus | queries in | queries | MRR@10 | Recall@10 | no hit at all |\n");
        table.append("|---|---|---|---|---:|---:|---:|---:|\n");
        Map<String, Double> best = new LinkedHashMap<>();
        Map<String, Double> shipped = new LinkedHashMap<>();
        // -Dbench.relevance.corpus=B: a tuning run's variants measured once on corpus B, after A chose them.
        int tuned = "B".equals(System.getProperty("bench.relevance.corpus")) ? 1 : 0;
        for (Corpus corpus : TUNING ? corpora.subList(tuned, tuned + 1) : corpora) {
            // -Dbench.relevance.bare=false leaves the bare baselines out of a tuning run: they do not change.
            for (Bare bare : TUNING && !Boolean.parseBoolean(System.getProperty("bench.relevance.bare", "true")) ? List.<Bare>of() : BARE) {
                for (boolean traditional : new boolean[] {false, true}) {
                    UnaryOperator<String> form = traditional ? toTraditional::transliterate : UnaryOperator.identity();
                    Scores scores = bare(bare, corpus.items(), form);
                    String key = corpus.name() + " " + (traditional ? "traditional" : "simplified");
                    best.merge(key, scores.mrr(), Math::max);
                    row(table, bare.name(), "one document a page", corpus.name(), traditional, scores);
                }
            }
            for (boolean apiLayout : TUNING ? new boolean[] {TUNING_API_LAYOUT} : new boolean[] {false, true}) {
                // One index serves every choice that scores with the same BM25 parameters.
                Map<String, List<Choice>> bySimilarity = new LinkedHashMap<>();
                for (Choice choice : CHOICES) {
                    boolean variant = choice.name().startsWith(" ");
                    boolean measured = TUNING ? choice.ranking() != Ranking.EVERY_WORD_ONLY
                            : !variant || corpus.name().equals("A") && !apiLayout || ALL_VARIANTS;
                    // -Dbench.relevance.only=REGEX: of the variants, only those whose name it finds.
                    measured &= !variant || ONLY == null || ONLY.matcher(choice.name()).find();
                    if (measured) {
                        bySimilarity.computeIfAbsent(choice.ranking().similarity().toString(),
                                key -> new ArrayList<>()).add(choice);
                    }
                }
                for (List<Choice> choices : bySimilarity.values()) {
                    Path dir = Files.createTempDirectory("relevance-");
                    try (ArchiveIndex index = ArchiveIndex.create(dir, new ArchiveAnalyzers(),
                            choices.get(0).ranking().similarity())) {
                        List<UUID> answers = feed(index, corpus.items(), apiLayout ? 1 : ITEMS_PER_DOSSIER);
                        for (Choice choice : choices) {
                            ArchiveSearcher searcher = new ArchiveSearcher(index, choice.ranking());
                            for (boolean traditional : TUNING ? new boolean[] {false} : new boolean[] {false, true}) {
                                UnaryOperator<String> form = traditional ? toTraditional::transliterate : UnaryOperator.identity();
                                Scores scores = archive(searcher, corpus.items(), answers, form, apiLayout,
                                        choice.name().strip().equals(System.getProperty("bench.relevance.dump")));
                                if (choice.ranking() == Ranking.SHIPPED) {
                                    shipped.merge(corpus.name() + " " + (traditional ? "traditional" : "simplified"),
                                            scores.mrr(), Math::min);
                                }
                                row(table, choice.name(), apiLayout ? "one item a dossier, reading scope (API)"
                                        : ITEMS_PER_DOSSIER + " items a dossier", corpus.name(), traditional, scores);
                            }
                        }
                    } finally {
                        IOUtils.rm(dir);
                    }
                }
            }
        }
        if (TUNING) {
            System.out.println(table);
            return new Report(corpora.get(0).items().size(), corpora.get(1).items().size());
        }
        table.append("\nShipped ranking (worse of its two layouts) against the best bare baseline\n\n");
        table.append("| corpus and queries | best bare MRR@10 | shipped MRR@10 | ahead by |\n|---|---:|---:|---:|\n");
        best.forEach((key, bare) -> table.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %+.1f %% |%n", key, bare,
                shipped.get(key), 100 * (shipped.get(key) / bare - 1))));
        table.append("\nHand-written insurance queries on the unit-test corpus (").append(SearchCorpus.DOCUMENTS)
                .append(" documents); exact = the top hits are exactly the expected documents\n\n");
        table.append("| ranking | queries | MRR@10 | Recall@10 | exact | failing |\n");
        table.append("|---|---:|---:|---:|---:|---|\n");
        for (Choice choice : CHOICES) {
            table.append(insurance(choice));
        }
        System.out.println();
        System.out.println(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        return new Report(corpora.get(0).items().size(), corpora.get(1).items().size());
    }

    private static void row(StringBuilder table, String system, String layout, String corpus, boolean traditional,
            Scores scores) {
        String row = String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %.3f | %.3f | %d |%n", system, layout, corpus,
                traditional ? "traditional" : "simplified", scores.queries(), scores.mrr(), scores.recall(), scores.empty());
        table.append(row);
        System.out.print(row);
    }

    /**
     * Indexes every page as an item, {@code perDossier} to a dossier whose title and metadata say
     * nothing of the pages; returns the item ids in corpus order.
     */
    private static List<UUID> feed(ArchiveIndex index, List<KnownItemCorpus.KnownItem> corpus, int perDossier)
            throws IOException {
        List<UUID> answers = new ArrayList<>(corpus.size());
        for (int first = 0; first < corpus.size(); first += perDossier) {
            int dossierNumber = first / perDossier;
            UUID dossierId = new UUID(0xD0C5L, dossierNumber);
            DossierDocument dossier = new DossierDocument(dossierId, "UNDERWRITING", "DOC-" + dossierNumber,
                    "文档案卷 " + dossierNumber, "车险", "上海分公司", "PUBLIC", "ARCHIVED", null, null, null, null,
                    null, null, 2024, "");
            List<ItemDocument> items = new ArrayList<>();
            for (int i = first; i < Math.min(corpus.size(), first + perDossier); i++) {
                UUID itemId = new UUID(0x17E4L, i);
                answers.add(itemId);
                // The source path is what a file name would be: it names the page, not its title.
                items.add(new ItemDocument(itemId, "文档 " + i, "说明", corpus.get(i).source(), null, corpus.get(i).text()));
            }
            index.upsertDossier(dossier, items);
        }
        index.commit(1);
        index.refresh();
        return answers;
    }

    private record Scores(int queries, double mrr, double recall, int empty) {
    }

    private static final class Tally {
        private double reciprocalRanks;
        private int found;
        private int empty;
        private int queries;

        void add(List<Boolean> top) {
            queries++;
            if (top.isEmpty()) {
                empty++;
            }
            for (int rank = 0; rank < Math.min(K, top.size()); rank++) {
                if (top.get(rank)) {
                    reciprocalRanks += 1.0 / (rank + 1);
                    found++;
                    return;
                }
            }
        }

        Scores scores() {
            return new Scores(queries, queries == 0 ? 0 : reciprocalRanks / queries,
                    queries == 0 ? 0 : (double) found / queries, empty);
        }
    }

    private static Scores archive(ArchiveSearcher searcher, List<KnownItemCorpus.KnownItem> corpus, List<UUID> answers,
            UnaryOperator<String> form, boolean apiLayout, boolean dump) throws IOException {
        ArchiveSearcher.ReadingScope everything = new ArchiveSearcher.ReadingScope(EVERY_LEVEL, Set.of(), LocalDate.now(ZoneOffset.UTC));
        Tally tally = new Tally();
        for (int i = 0; i < corpus.size(); i++) {
            SearchRequest request = SearchRequest.builder().q(form.apply(corpus.get(i).query())).size(K).build();
            SearchResult result = apiLayout ? searcher.search(request, everything, hit -> false) : searcher.search(request);
            UUID answer = answers.get(i);
            List<Boolean> top = result.hits().stream().map(hit -> answer.equals(hit.itemId())).toList();
            if (dump) {
                // -Dbench.relevance.dump=NAME: each query's rank of its answer, for reading what a ranking misses.
                int winner = result.hits().isEmpty() ? -1 : answers.indexOf(result.hits().get(0).itemId());
                System.out.println("DUMP\t" + (top.indexOf(true) + 1) + "\t" + result.total() + "\t" + request.q()
                        + "\t" + corpus.get(i).text().length() + "\t" + (winner < 0 ? -1 : corpus.get(winner).text().length())
                        + "\t" + corpus.get(i).source() + "\t" + (winner < 0 ? "" : corpus.get(winner).source()));
            }
            tally.add(top);
        }
        return tally.scores();
    }

    /** Bare Lucene as a ten-line demo: one text field, the classic parser's defaults, BM25. */
    private static Scores bare(Bare bare, List<KnownItemCorpus.KnownItem> corpus, UnaryOperator<String> form)
            throws IOException {
        try (Analyzer analyzer = bare.analyzer().get(); Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < corpus.size(); i++) {
                    Document doc = new Document();
                    doc.add(new StoredField("n", i));
                    doc.add(new TextField("body", corpus.get(i).text(), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                QueryParser parser = new QueryParser("body", analyzer);
                Tally tally = new Tally();
                for (int i = 0; i < corpus.size(); i++) {
                    List<Boolean> top = new ArrayList<>();
                    try {
                        for (ScoreDoc doc : searcher.search(parser.parse(form.apply(corpus.get(i).query())), K).scoreDocs) {
                            top.add(searcher.storedFields().document(doc.doc).getField("n").numericValue().intValue() == i);
                        }
                    } catch (ParseException | IndexSearcher.TooManyClauses unparsable) {
                        // Counted as a query without a hit, as a demo would show it.
                    }
                    tally.add(top);
                }
                return tally.scores();
            }
        }
    }

    private static String insurance(Choice choice) throws IOException {
        Path dir = Files.createTempDirectory("relevance-insurance-");
        try (ArchiveIndex index = ArchiveIndex.create(dir, new ArchiveAnalyzers(), choice.ranking().similarity())) {
            SearchCorpus.feed(index);
            index.commit(1);
            index.refresh();
            ArchiveSearcher searcher = new ArchiveSearcher(index, choice.ranking());
            List<Expected> queries = insuranceQueries();
            double reciprocalRanks = 0;
            double recall = 0;
            int exact = 0;
            List<String> failing = new ArrayList<>();
            for (Expected expected : queries) {
                List<UUID> ids = searcher.search(SearchRequest.builder().q(expected.query()).size(SearchRequest.MAX_SIZE)
                        .build()).hits().stream().map(hit -> hit.itemId() != null ? hit.itemId() : hit.dossierId()).toList();
                List<UUID> top = ids.subList(0, Math.min(K, ids.size()));
                for (int rank = 0; rank < top.size(); rank++) {
                    if (expected.relevant().contains(top.get(rank))) {
                        reciprocalRanks += 1.0 / (rank + 1);
                        break;
                    }
                }
                Set<UUID> retrieved = new HashSet<>(top);
                retrieved.retainAll(expected.relevant());
                recall += (double) retrieved.size() / Math.min(K, expected.relevant().size());
                Set<UUID> onTop = new HashSet<>(ids.subList(0, Math.min(expected.relevant().size(), ids.size())));
                if (onTop.equals(expected.relevant())) {
                    exact++;
                } else {
                    failing.add(expected.query());
                }
            }
            int n = queries.size();
            return String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %d | %s |%n", choice.name(), n,
                    reciprocalRanks / n, recall / n, exact, String.join(" ", failing));
        } finally {
            IOUtils.rm(dir);
        }
    }
}
