package cn.insurer.archive.search;

import static cn.insurer.archive.search.SearchCorpus.D1;
import static cn.insurer.archive.search.SearchCorpus.D2;
import static cn.insurer.archive.search.SearchCorpus.D5;
import static cn.insurer.archive.search.SearchCorpus.itemId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.LockObtainFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveIndexTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private Path dir() {
        return root.resolve("index");
    }

    @Test
    void newDirectoryStartsEmptyAtPositionZero() throws IOException {
        OpenResult opened = ArchiveIndex.open(dir());
        try (ArchiveIndex index = opened.index()) {
            assertEquals(OpenResult.Status.CREATED, opened.status());
            assertTrue(opened.rebuildRequired());
            assertEquals(0, index.position());
            assertEquals(0, index.numDocs());
            assertEquals(0, new ArchiveSearcher(index).search(SearchRequest.builder().q("理赔").build()).total());
        }
    }

    @Test
    void commitPositionSurvivesReopening() throws IOException {
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            SearchCorpus.feed(index);
            index.commit(42);
            assertEquals(42, index.position());
        }
        OpenResult reopened = ArchiveIndex.open(dir());
        try (ArchiveIndex index = reopened.index()) {
            assertEquals(OpenResult.Status.OPENED, reopened.status());
            assertFalse(reopened.rebuildRequired());
            assertEquals(42, index.position());
            assertEquals(SearchCorpus.DOCUMENTS, index.numDocs());
            index.commit(43);
        }
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            assertEquals(43, index.position());
        }
    }

    @Test
    void changesAfterTheLastCommitAreNotKeptOnClose() throws IOException {
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            index.upsertDossier(SearchCorpus.dossier(D1), SearchCorpus.items(D1));
            index.commit(5);
            index.upsertDossier(SearchCorpus.dossier(D2), SearchCorpus.items(D2));
            index.refresh();
            assertEquals(8, index.numDocs());
        }
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            assertEquals(5, index.position());
            assertEquals(4, index.numDocs());
        }
    }

    @Test
    void changesBecomeVisibleOnRefresh() throws IOException {
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            SearchCorpus.feed(index);
            assertEquals(0, index.numDocs());
            index.refresh();
            assertEquals(SearchCorpus.DOCUMENTS, index.numDocs());
        }
    }

    @Test
    void upsertingTwiceKeepsOneCopy() throws IOException {
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            SearchCorpus.feed(index);
            index.refresh();
            SearchCorpus.feed(index);
            index.upsertDossier(SearchCorpus.dossier(D1), SearchCorpus.items(D1));
            index.refresh();
            assertEquals(SearchCorpus.DOCUMENTS, index.numDocs());
            assertEquals(4, count(index, "张伟"));
        }
    }

    @Test
    void upsertDropsItemsNoLongerListedAndReplacesChangedText() throws IOException {
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            SearchCorpus.feed(index);
            List<ItemDocument> firstOnly = List.of(SearchCorpus.items(D1).get(0));
            DossierDocument renamed = withTitle(SearchCorpus.dossier(D1), "车险理赔案卷 张伟 已结案");
            index.upsertDossier(renamed, firstOnly);
            index.refresh();
            assertEquals(SearchCorpus.DOCUMENTS - 2, index.numDocs());
            assertEquals(2, count(index, "定损"));
            assertEquals(1, count(index, "已结案"));
        }
    }

    @Test
    void changedItemsAreRewrittenAloneAndAWithdrawnOneLeaves() throws IOException {
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            SearchCorpus.feed(index);
            index.refresh();
            long second = count(index, "\"定损报告\"");
            ItemDocument first = SearchCorpus.items(D1).get(0);
            ItemDocument extracted = new ItemDocument(first.itemId(), first.title(), first.documentType(), first.fileName(),
                    first.securityLevel(), "变速箱齿轮磨损 需返厂检测");
            UUID withdrawn = SearchCorpus.items(D1).get(2).itemId();
            index.upsertItems(withTitle(SearchCorpus.dossier(D1), "车险理赔案卷 张伟 已结案"), List.of(extracted),
                    Set.of(first.itemId(), withdrawn));
            index.refresh();
            assertEquals(SearchCorpus.DOCUMENTS - 1, index.numDocs());
            assertEquals(0, count(index, "\"浦东新区发生交通事故\""));
            SearchResult changed = new ArchiveSearcher(index).search(SearchRequest.builder().q("\"变速箱齿轮磨损\"").build());
            assertEquals(1, changed.total());
            assertEquals(first.itemId(), changed.hits().get(0).itemId());
            assertEquals(1, count(index, "已结案"));
            assertEquals(second, count(index, "\"定损报告\""));
            assertTrue(second > 0);
        }
    }

    @Test
    void itemMovedToAnotherDossierLeavesNoCopyBehind() throws IOException {
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            SearchCorpus.feed(index);
            List<ItemDocument> d2Items = new ArrayList<>(SearchCorpus.items(D2));
            d2Items.add(SearchCorpus.items(D1).get(0));
            index.upsertDossier(SearchCorpus.dossier(D2), d2Items);
            index.refresh();
            assertEquals(SearchCorpus.DOCUMENTS, index.numDocs());
            SearchResult moved = new ArchiveSearcher(index).search(SearchRequest.builder().q("\"浦东新区发生交通事故\"").build());
            assertEquals(1, moved.total());
            assertEquals(D2, moved.hits().get(0).dossierId());
            assertEquals(itemId(1, 1), moved.hits().get(0).itemId());
        }
    }

    @Test
    void deleteRemovesTheDossierAndItsItems() throws IOException {
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            SearchCorpus.feed(index);
            index.deleteDossier(D1);
            index.deleteDossier(UUID.randomUUID());
            index.refresh();
            assertEquals(SearchCorpus.DOCUMENTS - 4, index.numDocs());
            SearchResult result = new ArchiveSearcher(index).search(SearchRequest.builder().q("张伟").build());
            assertEquals(Set.of(D5), Set.copyOf(result.hits().stream().map(Hit::dossierId).toList()));
            assertEquals(1, result.total());
        }
    }

    @Test
    void clearEmptiesTheIndexAndCommitsPositionZero() throws IOException {
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            SearchCorpus.feed(index);
            index.commit(10);
            index.clear();
            index.refresh();
            assertEquals(0, index.position());
            assertEquals(0, index.numDocs());
        }
        OpenResult reopened = ArchiveIndex.open(dir());
        try (ArchiveIndex index = reopened.index()) {
            assertEquals(OpenResult.Status.OPENED, reopened.status());
            assertEquals(0, index.position());
            assertEquals(0, index.numDocs());
        }
    }

    @Test
    void garbageInSegmentFilesIsDetectedAndMovedAside() throws IOException {
        buildCommittedIndex(7);
        Random random = new Random(1);
        List<Path> files = indexFiles();
        for (Path file : files) {
            byte[] garbage = new byte[(int) Files.size(file)];
            random.nextBytes(garbage);
            Files.write(file, garbage);
        }

        OpenResult opened = ArchiveIndex.open(dir(), ArchiveIndex.Verification.OPEN, FIXED);
        try (ArchiveIndex index = opened.index()) {
            assertEquals(OpenResult.Status.RECOVERED, opened.status());
            assertTrue(opened.rebuildRequired());
            assertNotNull(opened.problem());
            assertEquals(root.resolve("index.corrupt-20250102-030405-000").toAbsolutePath(), opened.quarantinedTo());
            assertEquals(files.size(), fileCount(opened.quarantinedTo()), "damaged files are kept for examination");
            assertEquals(0, index.position());
            assertEquals(0, index.numDocs());

            SearchCorpus.feed(index);
            index.commit(1);
            index.refresh();
            assertEquals(SearchCorpus.DOCUMENTS, index.numDocs());
        }
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            assertEquals(1, index.position());
        }
    }

    @Test
    void missingSegmentsFileWithLeftoverFilesIsDetected() throws IOException {
        buildCommittedIndex(3);
        try (Stream<Path> files = Files.list(dir())) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().startsWith("segments")) {
                    Files.delete(file);
                }
            }
        }
        OpenResult opened = ArchiveIndex.open(dir(), ArchiveIndex.Verification.OPEN, FIXED);
        try (ArchiveIndex index = opened.index()) {
            assertEquals(OpenResult.Status.RECOVERED, opened.status());
            assertTrue(opened.problem().contains("no commit point"), opened.problem());
            assertEquals(0, index.position());
        }
    }

    @Test
    void missingSegmentDataIsDetected() throws IOException {
        buildCommittedIndex(3);
        for (Path file : indexFiles()) {
            if (!file.getFileName().toString().startsWith("segments")) {
                Files.delete(file);
            }
        }
        OpenResult opened = ArchiveIndex.open(dir());
        try (ArchiveIndex index = opened.index()) {
            assertEquals(OpenResult.Status.RECOVERED, opened.status());
            assertEquals(0, index.numDocs());
        }
    }

    @Test
    void damageInsideAFileIsFoundByCheckIndex() throws IOException {
        buildCommittedIndex(3);
        Path largest = indexFiles().stream().max(Comparator.comparingLong(ArchiveIndexTest::size)).orElseThrow();
        try (RandomAccessFile file = new RandomAccessFile(largest.toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            int b = file.read();
            file.seek(middle);
            file.write(b ^ 0xFF);
        }
        OpenResult opened = ArchiveIndex.open(dir(), ArchiveIndex.Verification.CHECK_INDEX, FIXED);
        try (ArchiveIndex index = opened.index()) {
            assertEquals(OpenResult.Status.RECOVERED, opened.status(), opened.toString());
            assertEquals(0, index.numDocs());
        }
    }

    @Test
    void indexWrittenByAnEarlierMappingIsReportedOutdatedAndKeptInPlace() throws IOException {
        // Documents and a position under an earlier mapping version, in the order this one keeps.
        writeEarlierIndex(ArchiveIndex.SORT, java.util.Map.of("archive.outboxPosition", "17", "archive.mapping", "2"));
        OpenResult opened = ArchiveIndex.open(dir());
        try (ArchiveIndex index = opened.index()) {
            assertEquals(OpenResult.Status.OUTDATED, opened.status());
            assertTrue(opened.rebuildRequired());
            assertNull(opened.quarantinedTo());
            assertTrue(opened.problem().contains("version 2"), opened.problem());
            assertEquals(17, index.position());
            assertEquals(1, index.numDocs());
            index.clear();
        }
        OpenResult rebuilt = ArchiveIndex.open(dir());
        try (ArchiveIndex index = rebuilt.index()) {
            assertEquals(OpenResult.Status.OPENED, rebuilt.status());
            assertEquals(0, index.numDocs());
        }
    }

    @Test
    void unsortedIndexOfAnEarlierMappingIsReplacedByAnEmptyOne() throws IOException {
        // What versions 1 and 2 left: segments in the order documents arrived.
        writeEarlierIndex(null, java.util.Map.of("archive.outboxPosition", "17"));
        OpenResult opened = ArchiveIndex.open(dir());
        try (ArchiveIndex index = opened.index()) {
            assertEquals(OpenResult.Status.OUTDATED, opened.status());
            assertTrue(opened.rebuildRequired());
            assertTrue(opened.problem().contains("unsorted"), opened.problem());
            assertEquals(0, index.position());
            assertEquals(0, index.numDocs());
            index.commit(0);
        }
        OpenResult rebuilt = ArchiveIndex.open(dir());
        try (ArchiveIndex index = rebuilt.index()) {
            assertEquals(OpenResult.Status.OPENED, rebuilt.status());
            assertEquals(0, index.numDocs());
        }
    }

    private void writeEarlierIndex(org.apache.lucene.search.Sort sort, java.util.Map<String, String> commitData)
            throws IOException {
        org.apache.lucene.index.IndexWriterConfig config = new org.apache.lucene.index.IndexWriterConfig();
        if (sort != null) {
            config.setIndexSort(sort);
        }
        try (org.apache.lucene.store.Directory directory = org.apache.lucene.store.FSDirectory.open(dir());
                org.apache.lucene.index.IndexWriter writer = new org.apache.lucene.index.IndexWriter(directory, config)) {
            org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
            doc.add(new org.apache.lucene.document.SortedDocValuesField(ArchiveFields.DEPARTMENT,
                    new org.apache.lucene.util.BytesRef("上海分公司")));
            writer.addDocument(doc);
            writer.setLiveCommitData(commitData.entrySet());
            writer.commit();
        }
    }

    @Test
    void healthyIndexPassesCheckIndex() throws IOException {
        buildCommittedIndex(9);
        OpenResult opened = ArchiveIndex.open(dir(), ArchiveIndex.Verification.CHECK_INDEX);
        try (ArchiveIndex index = opened.index()) {
            assertEquals(OpenResult.Status.OPENED, opened.status());
            assertNull(opened.quarantinedTo());
            assertEquals(9, index.position());
            assertEquals(SearchCorpus.DOCUMENTS, index.numDocs());
        }
    }

    @Test
    void secondRecoveryAtTheSameInstantGetsItsOwnDirectory() throws IOException {
        List<Path> quarantined = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            deleteRecursively(dir());
            Files.createDirectories(dir());
            Files.write(dir().resolve("_0.cfs"), new byte[] {1, 2, 3});
            OpenResult opened = ArchiveIndex.open(dir(), ArchiveIndex.Verification.OPEN, FIXED);
            opened.index().close();
            assertEquals(OpenResult.Status.RECOVERED, opened.status());
            quarantined.add(opened.quarantinedTo());
        }
        assertEquals(quarantined.get(0).resolveSibling(quarantined.get(0).getFileName() + "-1"), quarantined.get(1));
    }

    @Test
    void indexLockedByAnotherWriterIsNotMistakenForDamage() throws IOException {
        buildCommittedIndex(4);
        try (ArchiveIndex first = ArchiveIndex.open(dir()).index()) {
            assertThrows(LockObtainFailedException.class, () -> ArchiveIndex.open(dir()));
            assertThrows(LockObtainFailedException.class,
                    () -> ArchiveIndex.open(dir(), ArchiveIndex.Verification.CHECK_INDEX));
            assertEquals(4, first.position());
        }
        try (Stream<Path> siblings = Files.list(root)) {
            assertEquals(List.of(dir()), siblings.toList(), "nothing was moved aside");
        }
    }

    @Test
    void searchesRunWhileTheIndexIsFed() throws Exception {
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            SearchCorpus.feed(index);
            index.refresh();
            ArchiveSearcher searcher = new ArchiveSearcher(index);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> readers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    readers.add(pool.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            SearchResult result = searcher.search(SearchRequest.builder().q("张伟").build(), h -> true);
                            assertEquals(4, result.total());
                        }
                        return null;
                    }));
                }
                for (int i = 0; i < 50; i++) {
                    index.upsertDossier(SearchCorpus.dossier(D1), SearchCorpus.items(D1));
                    index.refresh();
                }
                for (Future<?> reader : readers) {
                    reader.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(SearchCorpus.DOCUMENTS, index.numDocs());
        }
    }

    private void buildCommittedIndex(long position) throws IOException {
        try (ArchiveIndex index = ArchiveIndex.open(dir()).index()) {
            SearchCorpus.feed(index);
            index.commit(position);
        }
    }

    private List<Path> indexFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> !f.getFileName().toString().equals(IndexWriter.WRITE_LOCK_NAME)).toList();
        }
    }

    private static long fileCount(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().equals(IndexWriter.WRITE_LOCK_NAME)).count();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long count(ArchiveIndex index, String q) throws IOException {
        return new ArchiveSearcher(index).search(SearchRequest.builder().q(q).size(0).build()).total();
    }

    private static DossierDocument withTitle(DossierDocument d, String title) {
        return new DossierDocument(d.dossierId(), d.type(), d.businessKey(), title, d.productLine(), d.department(),
                d.securityLevel(), d.status(), d.archivalCode(), d.policyNumber(), d.claimNumber(), d.insured(),
                d.lossDate(), d.claimAmount(), d.year(), d.metadataText());
    }
}
