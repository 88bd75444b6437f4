package cn.insurer.archive.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.junit.jupiter.api.Test;

/**
 * Search at archive scale: a generated archive ({@link SyntheticArchive}, default 20,000 items;
 * {@code -Dbench.search.items=1000000} for the full run) is indexed through {@link ArchiveIndex}
 * next to bare Lucene indexing the same text, then searched in one run by
 *
 * <ul>
 *   <li>our search: {@link Searching#find} for an adjuster of one branch with INTERNAL clearance,
 *       so with the reading scope, facets, highlights of the page shown and the title-only hits;
 *   <li>bare Lucene: the query parsed on the bigram content field of the same index, top 20 by
 *       score as {@link IndexSearcher#search(Query, int)} gives them (hit counting stops early,
 *       no facets, no access filter, no highlights);
 *   <li>bare Lucene with facets: the same query, with the exact count and the five facets of our
 *       search counted by Lucene's facet module ({@link StringValueFacetCounts} over the same doc
 *       values) and the top 20 (no access filter, no highlights);
 *   <li>PostgreSQL: {@code LIKE '%q%'} with a pg_trgm GIN index on the same text in a scratch
 *       database, with the same access filter, facet counts and a page of 20.
 * </ul>
 *
 * at 1 and 4 concurrent clients, for two-character Chinese queries and for longer ones. Writes
 * the table to {@code target/bench-search.txt}. Run with {@code mvn -B -o test -Dtest=SearchBench
 * -Dsurefire.failIfNoSpecifiedTests=false} once manpages-zh and debian-reference-zh-cn are installed,
 * or through {@code main}.
 */
class SearchBench {

    /** Frequent in the documentation (系统 … 目录) or in the dossiers' metadata (理赔 … 火灾). */
    static final List<String> TWO_CHARACTER = List.of("系统", "文件", "用户", "网络", "配置", "命令", "程序", "数据",
            "安装", "内核", "目录", "权限", "理赔", "定损", "车险", "火灾");
    static final List<String> LONGER = List.of("软件包管理", "网络配置文件", "交通事故 定损", "水管爆裂", "家财险 暴雨内涝",
            "文件系统 权限", "安装 内核模块", "用户 密码", "\"软件包\"", "防火墙 规则", "备份 数据", "查勘报告 追尾碰撞");
    private static final int PAGE_SIZE = 20;
    private static final String DEPARTMENT = "上海分公司";

    private final int items = Integer.getInteger("bench.search.items", 20_000);
    private final int threads = Integer.getInteger("bench.search.threads", 2);
    private final Duration cell = Duration.ofSeconds(Integer.getInteger("bench.search.seconds", 10));
    private final Path dir = Path.of(System.getProperty("bench.search.dir", "target/search-bench"));
    private final Path out = Path.of(System.getProperty("bench.search.out", "target/bench-search.txt"));
    private final String pgServer = System.getProperty("bench.search.pg", "jdbc:postgresql://127.0.0.1:5432/");
    private final String pgUser = System.getProperty("bench.search.pg.user", "postgres");
    private final String pgDatabase = System.getProperty("bench.search.pg.database", "search_bench");
    /** Keeps the index and the database for a later run with {@code bench.search.reuse}. */
    private final boolean keep = Boolean.getBoolean("bench.search.keep");
    /** Measures searches on what an earlier run with {@code bench.search.keep} left, without indexing again. */
    private final boolean reuse = Boolean.getBoolean("bench.search.reuse");

    /** The same as the test, for a run from a copied class path while the sources keep changing. */
    public static void main(String[] args) throws Exception {
        new SearchBench().search();
    }

    @Test
    void search() throws Exception {
        SyntheticArchive archive = SyntheticArchive.fromDocumentation(
                Path.of(System.getProperty("bench.relevance.man", "/usr/share/man/zh_CN")),
                Path.of(System.getProperty("bench.relevance.reference", "/usr/share/debian-reference")));
        int dossiers = items / SyntheticArchive.ITEMS_PER_DOSSIER;
        Report report = new Report();
        report.line(String.format(Locale.ROOT, "SearchBench: %,d dossiers with %,d items (%d each), item text %d-%d characters "
                        + "of %,d sentences from manpages-zh and debian-reference-zh-cn; %d CPU cores, %d indexing threads",
                dossiers, dossiers * SyntheticArchive.ITEMS_PER_DOSSIER, SyntheticArchive.ITEMS_PER_DOSSIER,
                SyntheticArchive.MIN_TEXT, SyntheticArchive.MAX_TEXT, archive.sentenceCount(),
                Runtime.getRuntime().availableProcessors(), threads));
        if (reuse) {
            report.line("Reusing the index in " + dir + " and the PostgreSQL database of an earlier run (-Dbench.search.reuse)");
            boolean measuringPostgres = chosenSystems().contains("PostgreSQL");
            // A run that measured only Lucene may have dropped the database: load it again then.
            boolean kept = !measuringPostgres || PostgresBaseline.exists(pgServer, pgUser, pgDatabase);
            try (ArchiveIndex index = ArchiveIndex.open(dir.resolve("archive")).index();
                    PostgresBaseline postgres = new PostgresBaseline(pgServer, pgUser, pgDatabase, kept, keep || !measuringPostgres)) {
                if (!kept) {
                    PostgresBaseline.Loaded loaded = postgres.load(dossiers, archive::dossier);
                    report.line("PostgreSQL " + postgres.database() + " loaded again: " + PostgresBaseline.describe(loaded));
                }
                measure(report, index, postgres);
            }
        } else {
            IOUtils.rm(dir);
            Files.createDirectories(dir);
            try (ArchiveIndex index = ArchiveIndex.create(dir.resolve("archive"), new ArchiveAnalyzers())) {
                index(report, archive, dossiers, index);
                boolean measuringPostgres = chosenSystems().contains("PostgreSQL");
                try (PostgresBaseline postgres = new PostgresBaseline(pgServer, pgUser, pgDatabase, false,
                        keep || !measuringPostgres)) {
                    if (measuringPostgres) {
                        PostgresBaseline.Loaded loaded = postgres.load(dossiers, archive::dossier);
                        report.line("PostgreSQL " + postgres.database() + ": " + PostgresBaseline.describe(loaded));
                    }
                    measure(report, index, postgres);
                }
            } finally {
                if (!keep) {
                    IOUtils.rm(dir);
                }
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.text(), StandardCharsets.UTF_8);
        assertTrue(report.text().contains("| ours |"), "no measurement was made");
    }

    /** Our index and bare Lucene's, one after the other, each timed from the first dossier to its commit. */
    private void index(Report report, SyntheticArchive archive, int dossiers, ArchiveIndex index) throws Exception {
        double ours = feed(dossiers, d -> {
            SyntheticArchive.Dossier generated = archive.dossier(d);
            index.upsertDossier(generated.dossier(), generated.items());
        }, () -> {
            index.commit(1);
            index.refresh();
        });
        if (!Boolean.parseBoolean(System.getProperty("bench.search.bareIndexing", "true"))) {
            // -Dbench.search.bareIndexing=false: ours alone, for a latency run that reuses the index.
            report.line(String.format(Locale.ROOT, "Indexing: ours %.0f s = %,.0f items/s, %,d MB (bare indexing not measured)",
                    ours, dossiers * SyntheticArchive.ITEMS_PER_DOSSIER / ours, size(dir.resolve("archive")) >> 20));
            return;
        }
        double bare = bareIndex(archive, dossiers);
        long bareSize = size(dir.resolve("bare"));
        IOUtils.rm(dir.resolve("bare"));
        double ourAnalysis = bareIndexWithOurAnalysis(archive, dossiers);
        int itemCount = dossiers * SyntheticArchive.ITEMS_PER_DOSSIER;
        report.line(String.format(Locale.ROOT,
                "Indexing: ours (ArchiveIndex: smartcn words + CJK bigrams, stored content with offsets, doc values, "
                        + "dossier documents) %.0f s = %,.0f items/s, %,d MB; bare Lucene (CJKAnalyzer bigrams, "
                        + "one unstored body field per item) %.0f s = %,.0f items/s, %,d MB; ours/bare %.2f; "
                        + "bare Lucene with our analysis (the same text through the archive's word and bigram analysers, "
                        + "two unstored fields per item) %.0f s = %,.0f items/s, %,d MB; ours/bare with our analysis %.2f",
                ours, itemCount / ours, size(dir.resolve("archive")) >> 20, bare, itemCount / bare,
                bareSize >> 20, bare / ours, ourAnalysis, itemCount / ourAnalysis, size(dir.resolve("bare")) >> 20,
                ourAnalysis / ours));
        IOUtils.rm(dir.resolve("bare"));
    }

    /**
     * The same items through a plain IndexWriter analysed as the archive analyses them (smartcn words
     * and CJK bigrams, traditional characters folded): what is left between it and ours is the
     * archive's own indexing, not the cost of its analysis.
     */
    private double bareIndexWithOurAnalysis(SyntheticArchive archive, int dossiers) throws Exception {
        try (FSDirectory directory = FSDirectory.open(dir.resolve("bare"));
                ArchiveAnalyzers analyzers = new ArchiveAnalyzers();
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzers.perField()))) {
            return feed(dossiers, d -> {
                for (ItemDocument item : archive.dossier(d).items()) {
                    String body = item.title() + "\n" + item.text();
                    Document doc = new Document();
                    doc.add(new StringField("id", item.itemId().toString(), Field.Store.YES));
                    doc.add(new TextField(ArchiveFields.CONTENT, body, Field.Store.NO));
                    doc.add(new TextField(ArchiveFields.CONTENT_WORDS, body, Field.Store.NO));
                    writer.addDocument(doc);
                }
            }, writer::commit);
        }
    }

    private void measure(Report report, ArchiveIndex index, PostgresBaseline postgres) throws Exception {
        User adjuster = new User("bench-adjuster", "理赔员", "-", Set.of(Role.ADJUSTER), SecurityLevel.INTERNAL, DEPARTMENT,
                Instant.now());
        AccessPolicy access = new AccessPolicy() {
            @Override
            public LocalDate today() {
                return LocalDate.now(ZoneOffset.UTC);
            }
        };
        ArchiveSearcher searcher = new ArchiveSearcher(index);
        Map<String, LoadRun.System> systems = new LinkedHashMap<>();
        systems.put("ours", () -> q -> Searching.find(searcher, Searching.standingScope(access, adjuster),
                SearchRequest.builder().q(q).size(PAGE_SIZE).build(), true).total());
        systems.put("bare Lucene", () -> bareLucene(index));
        systems.put("bare Lucene + facets", () -> bareLuceneWithFacets(index));
        systems.put("PostgreSQL", postgres.searching(Set.of("PUBLIC", "INTERNAL"), Set.of(DEPARTMENT)));
        systems.keySet().retainAll(chosenSystems());

        report.line("");
        report.line("Matches per query (ours: readable for the adjuster plus title-only; bare Lucene: exact count; "
                + "PostgreSQL: readable rows):");
        List<String> all = new ArrayList<>(TWO_CHARACTER);
        all.addAll(LONGER);
        StringBuilder counts = new StringBuilder();
        try (LoadRun.Client ours = systems.get("ours").open();
                LoadRun.Client pg = systems.getOrDefault("PostgreSQL", () -> q -> -1).open()) {
            IndexSearcher acquired = index.acquire();
            try {
                QueryParser parser = bareParser(index);
                for (String q : all) {
                    counts.append(String.format(Locale.ROOT, "%s %,d/%,d/%,d; ", q, ours.query(q),
                            acquired.count(parser.parse(q)), pg.query(q)));
                }
            } finally {
                index.release(acquired);
            }
        }
        report.line(counts.toString());
        report.line("");
        report.line("| system | queries | clients | n | p50 ms | p99 ms | queries/s |");
        report.line("|---|---|---:|---:|---:|---:|---:|");
        Map<String, LoadRun.Figures> figures = new LinkedHashMap<>();
        for (Map.Entry<String, LoadRun.System> system : systems.entrySet()) {
            boolean slow = system.getKey().equals("PostgreSQL");
            for (Map.Entry<String, List<String>> set : Map.of("two-character", TWO_CHARACTER, "longer", LONGER)
                    .entrySet().stream().sorted(Map.Entry.<String, List<String>>comparingByKey().reversed()).toList()) {
                // Unmeasured pass: JIT, page cache and PostgreSQL's buffers see every query once.
                LoadRun.measure(system.getValue(), set.getValue(), 1, Duration.ZERO, set.getValue().size());
                for (int clients : new int[] {1, 4}) {
                    LoadRun.Figures f = LoadRun.measure(system.getValue(), set.getValue(), clients, cell,
                            slow ? 2 : set.getValue().size());
                    figures.put(system.getKey() + "/" + set.getKey() + "/" + clients, f);
                    report.line(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.2f | %.1f |", system.getKey(),
                            set.getKey(), clients, f.queries(), f.p50Millis(), f.p99Millis(), f.perSecond()));
                }
            }
        }
        report.line("");
        report.line("| queries | clients | ours/bare Lucene (queries/s) | ours/bare Lucene + facets (queries/s) "
                + "| ours/PostgreSQL (queries/s) | ours p99 ms |");
        report.line("|---|---:|---:|---:|---:|---:|");
        for (String set : List.of("two-character", "longer")) {
            for (int clients : new int[] {1, 4}) {
                LoadRun.Figures ours = figures.get("ours/" + set + "/" + clients);
                if (ours == null) {
                    continue;
                }
                report.line(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.2f |", set, clients,
                        ratio(ours, figures.get("bare Lucene/" + set + "/" + clients), "%.2f"),
                        ratio(ours, figures.get("bare Lucene + facets/" + set + "/" + clients), "%.2f"),
                        ratio(ours, figures.get("PostgreSQL/" + set + "/" + clients), "%.1f"), ours.p99Millis()));
            }
        }
        report.line("");
        report.line("Targets (two-character queries with facets): p99 < 50 ms, >= 10x PostgreSQL, >= 0.5x bare Lucene.");
    }

    private static String ratio(LoadRun.Figures ours, LoadRun.Figures other, String format) {
        return other == null ? "-" : String.format(Locale.ROOT, format, ours.perSecond() / other.perSecond());
    }

    /** The systems to measure, all by default; {@code -Dbench.search.systems=ours} measures one, for profiling. */
    private static Set<String> chosenSystems() {
        return Set.of(System.getProperty("bench.search.systems", "ours,bare Lucene,bare Lucene + facets,PostgreSQL").split(","));
    }

    /** What a plain Lucene application does: one field, top hits by score, titles of the page. */
    private static LoadRun.Client bareLucene(ArchiveIndex index) {
        QueryParser parser = bareParser(index);
        return q -> {
            Query query = parser.parse(q);
            IndexSearcher searcher = index.acquire();
            try {
                TopDocs top = searcher.search(query, PAGE_SIZE);
                StoredFields stored = searcher.storedFields();
                for (ScoreDoc doc : top.scoreDocs) {
                    stored.document(doc.doc, Set.of(ArchiveFields.TITLE));
                }
                return top.totalHits.value;
            } finally {
                index.release(searcher);
            }
        };
    }

    /**
     * What a plain Lucene application with facets does: the matches collected once for the top
     * hits and for Lucene's facet counts of the five fields our search shows. The readers' facet
     * state (an ordinal map per field) is built once per opened index, as such an application would.
     */
    private static LoadRun.Client bareLuceneWithFacets(ArchiveIndex index) {
        QueryParser parser = bareParser(index);
        Map<Object, List<StringDocValuesReaderState>> states = new java.util.concurrent.ConcurrentHashMap<>();
        return q -> {
            Query query = parser.parse(q);
            IndexSearcher searcher = index.acquire();
            try {
                List<StringDocValuesReaderState> fields = states.computeIfAbsent(
                        searcher.getIndexReader().getReaderCacheHelper().getKey(), key -> facetStates(searcher));
                FacetsCollectorManager.FacetsResult result = FacetsCollectorManager.search(searcher, query, PAGE_SIZE,
                        new FacetsCollectorManager());
                for (int f = 0; f < fields.size(); f++) {
                    // Every value with its count, as our search returns them.
                    new StringValueFacetCounts(fields.get(f), result.facetsCollector())
                            .getAllChildren(FacetCounter.FIELDS.get(f));
                }
                StoredFields stored = searcher.storedFields();
                for (ScoreDoc doc : result.topDocs().scoreDocs) {
                    stored.document(doc.doc, Set.of(ArchiveFields.TITLE));
                }
                return result.topDocs().totalHits.value;
            } finally {
                index.release(searcher);
            }
        };
    }

    private static List<StringDocValuesReaderState> facetStates(IndexSearcher searcher) {
        List<StringDocValuesReaderState> states = new ArrayList<>();
        try {
            for (String field : FacetCounter.FIELDS) {
                states.add(new StringDocValuesReaderState(searcher.getIndexReader(), field));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return states;
    }

    private static QueryParser bareParser(ArchiveIndex index) {
        QueryParser parser = new QueryParser(ArchiveFields.CONTENT, index.analyzers().bigrams());
        parser.setDefaultOperator(QueryParser.AND_OPERATOR);
        return parser;
    }

    /** The same items through a plain IndexWriter: one bigram-analysed body field and the id. */
    private double bareIndex(SyntheticArchive archive, int dossiers) throws Exception {
        try (FSDirectory directory = FSDirectory.open(dir.resolve("bare"));
                CJKAnalyzer analyzer = new CJKAnalyzer(CharArraySet.EMPTY_SET);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            return feed(dossiers, d -> {
                for (ItemDocument item : archive.dossier(d).items()) {
                    Document doc = new Document();
                    doc.add(new StringField("id", item.itemId().toString(), Field.Store.YES));
                    doc.add(new TextField("body", item.title() + "\n" + item.text(), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }, writer::commit);
        }
    }

    @FunctionalInterface
    private interface DossierTask {
        void run(int dossier) throws Exception;
    }

    @FunctionalInterface
    private interface Finish {
        void run() throws Exception;
    }

    /** Feeds every dossier from {@link #threads} threads and finishes; returns the seconds taken. */
    private double feed(int dossiers, DossierTask task, Finish finish) throws Exception {
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int d = next.getAndIncrement(); d < dossiers; d = next.getAndIncrement()) {
                        task.run(d);
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        } finally {
            pool.shutdownNow();
        }
        finish.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static long size(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    /** Printed as it goes, so that a long run shows where it is; kept for the file. */
    private static final class Report {
        private final StringBuilder text = new StringBuilder();

        void line(String line) {
            System.out.println(line);
            text.append(line).append('\n');
        }

        String text() {
            return text.toString();
        }
    }
}
