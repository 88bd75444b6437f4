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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.lucene.util.IOUtils;
import org.junit.jupiter.api.Test;

/**
 * Known-item relevance of each text analysis, measured through the archive's own indexing
 * ({@link ArchiveIndex}, {@link DocumentMapper}) and query code ({@link ArchiveSearcher},
 * {@link UserQueryParser}).
 *
 * <p>Each page of Chinese documentation Debian ships ({@link KnownItemCorpus}) becomes an item,
 * twenty to a dossier; its title is the query and the item is the one right answer. The same
 * queries are also run in traditional characters against the simplified pages. A second table
 * runs hand-written insurance queries against {@link SearchCorpus}, with the expected hits.
 *
 * <p>Run with {@code mvn -o test -Dtest=RelevanceBench} (not part of the unit tests) or through
 * {@code main}; the corpus packages must be installed ({@code ./archive relevance} does that).
 * Writes the tables to {@code target/relevance.md}.
 */
class RelevanceBench {

    private static final int K = 10;
    private static final int ITEMS_PER_DOSSIER = 20;

    private record Choice(String name, TextAnalysis analysis, boolean foldTraditional, Relaxation relaxation) {
    }

    /** The analyses with every word required; then the shipped analysis with second passes that require fewer. */
    private static final List<Choice> CHOICES = List.of(
            new Choice("smartcn words", TextAnalysis.WORDS, true, Relaxation.NONE),
            new Choice("CJK bigrams", TextAnalysis.BIGRAMS, true, Relaxation.NONE),
            new Choice("words + bigrams", TextAnalysis.WORDS_AND_BIGRAMS, true, Relaxation.NONE),
            new Choice("words + bigrams, no folding", TextAnalysis.WORDS_AND_BIGRAMS, false, Relaxation.NONE),
            new Choice("words + bigrams, half the words when nothing found", TextAnalysis.WORDS_AND_BIGRAMS,
                    true, new Relaxation(1, 0.5f)),
            new Choice("words + bigrams, any word when nothing found (shipped)", TextAnalysis.WORDS_AND_BIGRAMS, true,
                    Relaxation.SHIPPED),
            new Choice("words + bigrams, 3/4 of the words when nothing found", TextAnalysis.WORDS_AND_BIGRAMS, true,
                    new Relaxation(1, 0.75f)),
            new Choice("words + bigrams, half the words below 10 hits", TextAnalysis.WORDS_AND_BIGRAMS, true,
                    new Relaxation(K, 0.5f)));

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

    @Test
    void relevance() throws IOException {
        Report report = run(Path.of(System.getProperty("bench.relevance.man", "/usr/share/man/zh_CN")),
                Path.of(System.getProperty("bench.relevance.reference", "/usr/share/debian-reference")),
                Path.of(System.getProperty("bench.relevance.out", "target/relevance.md")));
        assertTrue(report.queries() >= 100, "too few known items; are manpages-zh and debian-reference-zh-cn installed?");
    }

    public static void main(String[] args) throws IOException {
        run(Path.of(args.length > 0 ? args[0] : "/usr/share/man/zh_CN"),
                Path.of(args.length > 1 ? args[1] : "/usr/share/debian-reference"),
                Path.of(args.length > 2 ? args[2] : "target/relevance.md"));
    }

    private record Report(int queries, String table) {
    }

    private static Report run(Path manDir, Path referenceDir, Path out) throws IOException {
        List<KnownItemCorpus.KnownItem> corpus = KnownItemCorpus.load(manDir, referenceDir);
        Transliterator toTraditional = Transliterator.getInstance("Simplified-Traditional");
        StringBuilder table = new StringBuilder();
        table.append("Known items: ").append(corpus.size()).append(" pages of manpages-zh and debian-reference-zh-cn, ")
                .append("title as query, page without its title as the answer\n\n");
        table.append("| analysis | queries in | documents | queries | MRR@10 | Recall@10 | no hit at all | index time | query p50 |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        warmUp(corpus);
        for (Choice choice : CHOICES) {
            Path dir = Files.createTempDirectory("relevance-");
            try {
                long start = System.nanoTime();
                try (ArchiveIndex index = ArchiveIndex.create(dir,
                        new ArchiveAnalyzers(choice.analysis(), choice.foldTraditional()))) {
                    List<UUID> answers = feed(index, corpus);
                    long indexNanos = System.nanoTime() - start;
                    ArchiveSearcher searcher = new ArchiveSearcher(index, choice.relaxation());
                    for (boolean traditional : new boolean[] {false, true}) {
                        UnaryOperator<String> form = traditional ? toTraditional::transliterate : UnaryOperator.identity();
                        Scores scores = knownItems(searcher, corpus, answers, form);
                        String row = String.format(Locale.ROOT, "| %s | %s | %d | %d | %.3f | %.3f | %d | %.1f s | %.2f ms |%n",
                                choice.name(), traditional ? "traditional" : "simplified", index.numDocs(),
                                scores.queries(), scores.mrr(), scores.recall(), scores.empty(), indexNanos / 1e9, scores.p50Millis());
                        table.append(row);
                        System.out.print(row);
                    }
                }
            } finally {
                IOUtils.rm(dir);
            }
        }
        table.append("\nHand-written insurance queries on the unit-test corpus (").append(SearchCorpus.DOCUMENTS)
                .append(" documents); exact = the hits are exactly the expected documents\n\n");
        table.append("| analysis | queries | MRR@10 | Recall@10 | exact | failing |\n");
        table.append("|---|---:|---:|---:|---:|---|\n");
        for (Choice choice : CHOICES) {
            table.append(insurance(choice));
        }
        System.out.println();
        System.out.println(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        return new Report(corpus.size(), table.toString());
    }

    /** Indexes every page as an item; returns the item ids in corpus order. */
    private static List<UUID> feed(ArchiveIndex index, List<KnownItemCorpus.KnownItem> corpus) throws IOException {
        List<UUID> answers = new ArrayList<>(corpus.size());
        for (int first = 0; first < corpus.size(); first += ITEMS_PER_DOSSIER) {
            int dossierNumber = first / ITEMS_PER_DOSSIER;
            UUID dossierId = new UUID(0xD0C5L, dossierNumber);
            DossierDocument dossier = new DossierDocument(dossierId, "UNDERWRITING", "DOC-" + dossierNumber,
                    "文档案卷 " + dossierNumber, "车险", "上海分公司", "PUBLIC", "ARCHIVED", null, null, null, null,
                    null, null, 2024, "");
            List<ItemDocument> items = new ArrayList<>();
            for (int i = first; i < Math.min(corpus.size(), first + ITEMS_PER_DOSSIER); i++) {
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

    /** Indexes and searches once unmeasured, so that the first choice does not pay for the JIT alone. */
    private static void warmUp(List<KnownItemCorpus.KnownItem> corpus) throws IOException {
        Path dir = Files.createTempDirectory("relevance-warm-up-");
        try (ArchiveIndex index = ArchiveIndex.create(dir, new ArchiveAnalyzers())) {
            List<UUID> answers = feed(index, corpus);
            knownItems(new ArchiveSearcher(index), corpus, answers, UnaryOperator.identity());
        } finally {
            IOUtils.rm(dir);
        }
    }

    private record Scores(int queries, double mrr, double recall, int empty, double p50Millis) {
    }

    private static Scores knownItems(ArchiveSearcher searcher, List<KnownItemCorpus.KnownItem> corpus,
            List<UUID> answers, UnaryOperator<String> form) throws IOException {
        double reciprocalRanks = 0;
        int found = 0;
        int empty = 0;
        long[] nanos = new long[corpus.size()];
        for (int i = 0; i < corpus.size(); i++) {
            String query = form.apply(corpus.get(i).query());
            long start = System.nanoTime();
            SearchResult result = searcher.search(SearchRequest.builder().q(query).size(K).build());
            nanos[i] = System.nanoTime() - start;
            List<Hit> hits = result.hits();
            if (hits.isEmpty()) {
                empty++;
            }
            for (int rank = 0; rank < hits.size(); rank++) {
                if (answers.get(i).equals(hits.get(rank).itemId())) {
                    reciprocalRanks += 1.0 / (rank + 1);
                    found++;
                    break;
                }
            }
        }
        Arrays.sort(nanos);
        int n = corpus.size();
        return new Scores(n, reciprocalRanks / n, (double) found / n, empty, n == 0 ? 0 : nanos[n / 2] / 1e6);
    }

    private static String insurance(Choice choice) throws IOException {
        Path dir = Files.createTempDirectory("relevance-insurance-");
        try (ArchiveIndex index = ArchiveIndex.create(dir,
                new ArchiveAnalyzers(choice.analysis(), choice.foldTraditional()))) {
            SearchCorpus.feed(index);
            index.commit(1);
            index.refresh();
            ArchiveSearcher searcher = new ArchiveSearcher(index, choice.relaxation());
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
                if (new HashSet<>(ids).equals(expected.relevant())) {
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
