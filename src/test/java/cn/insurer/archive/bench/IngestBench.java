package cn.insurer.archive.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.it.ApiClient;
import cn.insurer.archive.it.Database;
import cn.insurer.archive.it.Dossiers;
import cn.insurer.archive.it.ServerTestBase;
import cn.insurer.archive.it.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ingest throughput of the running archive next to bare Tika on the same files, in the same run.
 *
 * <p>Bare Tika: an AutoDetectParser on {@code threads} threads in one JVM ({@link BareTika}), reading
 * each file from local disk. The archive: every file uploaded through the REST API ({@code threads} clients),
 * streamed to S3, recorded in PostgreSQL, extracted by the isolated workers and indexed; the clock
 * stops when the last item is extracted and searchable. Run with {@code mvn verify -Pbench}.
 */
class IngestBench extends ServerTestBase {

    private static final int THREADS = Integer.getInteger("bench.threads", 2);
    private static final Path CORPUS = Path.of(System.getProperty("bench.corpus", "target/test-documents"));
    private static final boolean OCR = Boolean.parseBoolean(System.getProperty("bench.ocr", "true"));

    record Baseline(double seconds, long pages, long characters) {
    }

    @Test
    void ingestThroughputAgainstBareTika() throws Exception {
        List<Path> files = distinctFiles();
        Baseline bare = bareTika(files);

        ApiClient clerk = Users.create("bench", "SECRET", "档案室", "CLERK");
        String marker = "bench" + System.nanoTime();
        List<String> dossiers = new ArrayList<>();
        for (int i = 0; i < (files.size() + 99) / 100; i++) {
            dossiers.add(Dossiers.create(clerk, Dossiers.claim("企业财产险", "理赔部", "INTERNAL")
                    .put("title", marker + " 批量 " + i)).get("id").asText());
        }
        Instant start = Instant.now();
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> uploads = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String dossier = dossiers.get(i / 100);
            uploads.add(clients.submit(() -> clerk.upload(dossier, file, file.getFileName().toString(),
                    Dossiers.itemMetadata(file.getFileName().toString(), "OTHER")).status()));
        }
        for (Future<Integer> upload : uploads) {
            assertEquals(201, upload.get());
        }
        clients.shutdown();
        double uploadSeconds = seconds(start);
        long pages = awaitExtraction(clerk, dossiers, files.size());
        awaitIndexed(clerk, marker, dossiers.size());
        awaitIndexCaughtUp(admin());
        double archiveSeconds = seconds(start);

        double bareFiles = files.size() / bare.seconds();
        double archiveFiles = files.size() / archiveSeconds;
        double barePages = bare.pages() / bare.seconds();
        double archivePages = pages / archiveSeconds;
        String report = String.join(System.lineSeparator(),
                "",
                "=== Ingest benchmark: " + files.size() + " distinct files from " + CORPUS + ", " + THREADS
                        + " threads, OCR " + (OCR ? "on" : "off") + ", " + Runtime.getRuntime().availableProcessors() + " cores ===",
                String.format("bare Tika (in-process)        %8.1f s  %7.2f files/s  %8.1f pages/s", bare.seconds(), bareFiles, barePages),
                String.format("archive (REST→S3→DB→extract→index) %5.1f s  %7.2f files/s  %8.1f pages/s  (uploads done after %.1f s)",
                        archiveSeconds, archiveFiles, archivePages, uploadSeconds),
                String.format("ratio archive / bare Tika: files %.2f, pages %.2f", archiveFiles / bareFiles, archivePages / barePages),
                "server peak RSS: " + ServerProcess.peakRss(),
                "");
        System.out.println(report);
        Files.writeString(Path.of("target/bench-ingest.txt"), report);
        assertTrue(archiveFiles > 0);
    }

    static List<Path> distinctFiles() throws Exception {
        List<Path> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (Files.size(file) > 0 && seen.add(sha256(file))) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** Runs {@link BareTika} in its own JVM on the extractor's jars, so that only the pipeline differs. */
    static Baseline bareTika(List<Path> files) throws Exception {
        return bareTika(files, false);
    }

    /** As {@link #bareTika(List)}; with {@code embedded}, attachments and archive members are parsed too. */
    static Baseline bareTika(List<Path> files, boolean embedded) throws Exception {
        Path list = Files.createTempFile("bench-files", ".txt");
        Files.write(list, files.stream().map(p -> p.toAbsolutePath().toString()).toList());
        Path server = Path.of(System.getProperty("jboss.home", "target/server"));
        String classpath = server.resolve("extractor/lib") + "/*" + java.io.File.pathSeparator
                + Path.of("target/test-classes").toAbsolutePath();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.awt.headless=true", "-cp", classpath, BareTika.class.getName(),
                Integer.toString(THREADS), Boolean.toString(OCR), list.toString(), embedded ? "embedded" : "top-level")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String[] result;
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readAllBytes()).trim();
            String[] lines = text.split("\\R");
            result = lines[lines.length - 1].split(" ");
        }
        assertEquals(0, process.waitFor());
        Files.deleteIfExists(list);
        return new Baseline(Double.parseDouble(result[0]), Long.parseLong(result[1]), Long.parseLong(result[2]));
    }

    private static long awaitExtraction(ApiClient clerk, List<String> dossiers, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofHours(1));
        while (Instant.now().isBefore(deadline)) {
            long pages = 0;
            int finished = 0;
            for (String id : dossiers) {
                for (JsonNode item : clerk.get("/api/dossiers/" + id).json().get("items")) {
                    String state = item.get("extraction").asText();
                    if (!state.equals("PENDING") && !state.equals("RUNNING")) {
                        finished++;
                        pages += item.path("pages").asLong(0);
                    }
                }
            }
            if (finished == expected) {
                return pages;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("extraction did not finish");
    }

    private static void awaitIndexed(ApiClient clerk, String marker, int dossiers) throws InterruptedException {
        while (true) {
            JsonNode result = clerk.get(ApiClient.query("/api/search", Map.of("q", marker, "size", "1"))).json();
            if (result.get("total").asLong() >= dossiers) {
                return;
            }
            Thread.sleep(250);
        }
    }

    /** Waits until the index has applied every outbox entry written so far, i.e. every item's text is searchable. */
    static void awaitIndexCaughtUp(ApiClient admin) throws InterruptedException {
        long head = ((Number) Database.query("select coalesce(max(seq), 0) as n from index_outbox").get(0).get("n")).longValue();
        Instant deadline = Instant.now().plus(Duration.ofHours(1));
        while (admin.get("/api/admin/index").json().get("position").asLong() < head) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the search index did not catch up with the outbox");
            }
            Thread.sleep(250);
        }
    }

    private static double seconds(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
