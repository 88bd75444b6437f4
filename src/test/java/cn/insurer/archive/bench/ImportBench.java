package cn.insurer.archive.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.insurer.archive.it.ApiClient;
import cn.insurer.archive.it.ChineseDocuments;
import cn.insurer.archive.it.Database;
import cn.insurer.archive.it.ServerTestBase;
import cn.insurer.archive.it.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Bulk-import throughput next to bare Tika on the same files, in the same run, and the filing stage
 * next to a raw S3 PUT and a bare INSERT per file ({@link StageBaselines}): {@code bench.import.files}
 * (10,000 by default) documents made from Tika's test corpus and generated Chinese PDFs and Word
 * files, each made distinct by a trailing line, imported from a server folder with one manifest.
 * The clock stops when the import is complete, and again when every item is extracted and
 * searchable; then the same number of other files is imported again on the now warm server. The server's resident memory is sampled throughout. Run with {@code mvn verify -Pbench};
 * {@code -Dbench.import.manifest=xlsx} gives the same ledger as {@code manifest.xlsx} (shared strings,
 * as Excel saves it), so the memory figures include the streaming XLSX reader.
 */
class ImportBench extends ServerTestBase {

    private static final int FILES = Integer.getInteger("bench.import.files", 10_000);
    private static final int PER_DOSSIER = 100;
    /** The import's slots (ImportJob.SLOTS): the filing stage's baselines run on as many threads. */
    private static final int SLOTS = 8;
    private static final String MANIFEST = "xlsx".equals(System.getProperty("bench.import.manifest")) ? "manifest.xlsx" : "manifest.csv";

    @Test
    void importThroughputAgainstBareTika() throws Exception {
        String coldMarker = "imp" + System.nanoTime();
        List<Path> files = prepare(coldMarker);
        IngestBench.Baseline bare = IngestBench.bareTika(files);
        // The archive parses attachments and archive members as well; Tika doing that too shows what the pipeline adds.
        IngestBench.Baseline bareEmbedded = IngestBench.bareTika(files, true);
        Stages stages = new Stages(StageBaselines.rawPut(files, SLOTS, coldMarker),
                StageBaselines.bareInsert(files, SLOTS, coldMarker));
        ApiClient clerk = Users.create("bench", "SECRET", "档案室", "CLERK");
        AtomicLong peakRss = new AtomicLong();
        Thread sampler = new Thread(() -> sampleRss(peakRss), "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        // First on the freshly started server, then the same number of other files again: a server that
        // has been up a while has compiled its hot code, as one in production has.
        Run cold = importFolder(clerk, coldMarker);
        String warmMarker = "imw" + System.nanoTime();
        prepare(warmMarker);
        Run warm = importFolder(clerk, warmMarker);
        sampler.interrupt();

        String report = String.join(System.lineSeparator(),
                "",
                "=== Import benchmark: " + FILES + " files (" + cold.manifestKib() + " KiB " + MANIFEST + "), "
                        + Runtime.getRuntime().availableProcessors() + " cores ===",
                String.format("bare Tika (in-process, %d threads)   %8.1f s  %7.2f files/s",
                        Integer.getInteger("bench.threads", 2), bare.seconds(), FILES / bare.seconds()),
                String.format("bare Tika, embedded documents too   %8.1f s  %7.2f files/s",
                        bareEmbedded.seconds(), FILES / bareEmbedded.seconds()),
                String.format("raw S3 PUT (%d threads)              %8.1f s  %7.2f files/s", SLOTS, stages.put(), FILES / stages.put()),
                String.format("bare INSERT (%d threads, autocommit) %8.1f s  %7.2f files/s", SLOTS, stages.insert(),
                        FILES / stages.insert()),
                cold.report("server just started", bare, bareEmbedded, stages),
                warm.report("server warm (second import)", bare, bareEmbedded, stages),
                "server peak RSS sampled every second: " + peakRss.get() / 1024 + " MiB; " + ServerProcess.peakRss(),
                "");
        System.out.println(report);
        Files.writeString(Path.of("target/bench-import.txt"), report);
        assertEquals(FILES, cold.imported() + cold.failed());
        assertEquals(FILES, warm.imported() + warm.failed());
    }

    /** The filing stage's own baselines: seconds to PUT every file as it is, and to INSERT a row for each. */
    private record Stages(double put, double insert) {
    }

    /** One import's clocks: rows filed, every item extracted, everything searchable. */
    private record Run(long manifestKib, double filed, double extracted, double searchable, int imported, int failed,
            String filingCpu, String cpu) {

        String report(String label, IngestBench.Baseline bare, IngestBench.Baseline bareEmbedded, Stages stages) {
            return String.join(System.lineSeparator(),
                    "-- " + label,
                    String.format("archive import (rows filed)          %8.1f s  %7.2f files/s  imported %d, failed %d",
                            filed, FILES / filed, imported, failed),
                    String.format("archive import + extraction          %8.1f s  %7.2f files/s", extracted, FILES / extracted),
                    String.format("archive import + extraction + index  %8.1f s  %7.2f files/s", searchable, FILES / searchable),
                    String.format("ratio rows filed / bare Tika: %.2f   end-to-end / bare Tika: %.2f   / bare Tika with embedded documents: %.2f",
                            bare.seconds() / filed, bare.seconds() / searchable, bareEmbedded.seconds() / searchable),
                    String.format("ratio rows filed / raw S3 PUT: %.2f   / bare INSERT: %.2f", stages.put() / filed,
                            stages.insert() / filed),
                    "until rows filed, " + filingCpu,
                    "until searchable, " + cpu);
        }
    }

    private Run importFolder(ApiClient clerk, String marker) throws Exception {
        Path folder = folder(marker);
        ProcessCpu cpuBefore = ProcessCpu.read();
        Instant start = Instant.now();
        ApiClient.Reply started = clerk.post("/api/imports", Map.of("folder", folder.toString()));
        assertEquals(202, started.status(), started::toString);
        String id = started.json().get("id").asText();
        JsonNode done = awaitImport(clerk, id);
        double importSeconds = seconds(start);
        String filingCpu = ProcessCpu.read().since(cpuBefore);
        awaitExtracted();
        double extractedSeconds = seconds(start);
        awaitIndexed(clerk, marker, FILES / PER_DOSSIER);
        // Dossier titles carry the marker, so the search above succeeds long before the items' text is in.
        IngestBench.awaitIndexCaughtUp(admin());
        double allSeconds = seconds(start);
        return new Run(Files.size(folder.resolve(MANIFEST)) / 1024, importSeconds, extractedSeconds, allSeconds,
                done.get("imported").asInt(), done.get("failed").asInt(), filingCpu, ProcessCpu.read().since(cpuBefore));
    }

    private static Path folder(String marker) {
        return Path.of(System.getProperty("it.import.roots")).resolve(marker);
    }

    /** Corpus files and Chinese documents round-robin, each with a distinct trailing line so no two hash alike. */
    private static List<Path> prepare(String marker) throws Exception {
        Path folder = Files.createDirectories(folder(marker));
        List<Path> sources = new ArrayList<>(IngestBench.distinctFiles());
        Path chinese = Files.createDirectories(folder.resolveSibling(marker + "-sources"));
        for (int i = 0; i < 20; i++) {
            Path docx = chinese.resolve("理赔材料-" + i + ".docx");
            Files.write(docx, ChineseDocuments.docx("机动车辆保险理赔申请书 " + i, "被保险人张伟驾驶车辆发生交通事故，申请理赔。"));
            sources.add(docx);
            if (ChineseDocuments.CJK_FONT.exists()) {
                Path pdf = chinese.resolve("查勘报告-" + i + ".pdf");
                Files.write(pdf, ChineseDocuments.pdf("现场查勘报告 " + i, "仓库浸泡，货物受损。"));
                sources.add(pdf);
            }
        }
        List<Path> files = new ArrayList<>();
        List<String> headings = List.of("案卷类型", "赔案号", "保单号", "险种", "案卷题名", "部门", "被保险人", "出险日期", "件题名", "文件类型", "文件路径");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            Path source = sources.get(i % sources.size());
            String name = String.format("%05d-%s", i, source.getFileName().toString().replaceAll("[^\\p{L}\\p{N}._-]", "_"));
            Path target = folder.resolve("f" + i / PER_DOSSIER).resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(source, target);
            try (OutputStream out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.APPEND)) {
                out.write(("\n" + marker + " " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            files.add(target);
            String claim = marker.toUpperCase() + String.format("%03d", i / PER_DOSSIER);
            rows.add(List.of("理赔", claim, "P" + claim, "企业财产险", marker + " 批量导入 " + claim, "理赔部",
                    "上海某物流有限公司", "2025-03-09", name, "OTHER", "f" + i / PER_DOSSIER + "/" + name));
        }
        if (MANIFEST.endsWith(".xlsx")) {
            writeXlsx(folder.resolve(MANIFEST), headings, rows);
        } else {
            StringBuilder manifest = new StringBuilder("\uFEFF").append(String.join(",", headings)).append("\r\n");
            for (List<String> row : rows) {
                List<String> cells = new ArrayList<>(row);
                cells.set(8, "\"" + cells.get(8) + "\"");
                manifest.append(String.join(",", cells)).append("\r\n");
            }
            Files.writeString(folder.resolve(MANIFEST), manifest);
        }
        return files;
    }

    private static void writeXlsx(Path file, List<String> headings, List<List<String>> rows) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, true, true); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("台账");
            List<List<String>> all = new ArrayList<>();
            all.add(headings);
            all.addAll(rows);
            for (int r = 0; r < all.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < all.get(r).size(); c++) {
                    row.createCell(c).setCellValue(all.get(r).get(c));
                }
            }
            workbook.write(out);
        }
    }

    private static JsonNode awaitImport(ApiClient clerk, String id) throws InterruptedException {
        while (true) {
            JsonNode view = clerk.get("/api/imports/" + id).json();
            if (!"RUNNING".equals(view.get("status").asText())) {
                return view;
            }
            Thread.sleep(1000);
        }
    }

    private static void awaitExtracted() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofHours(2));
        while (Instant.now().isBefore(deadline)) {
            // Whether anything waits in the whole queue, answered from its index at the first entry: the imports
            // run one after the other, each waited on until it is searchable, so what waits belongs to this one.
            // Counting the import's items instead cost PostgreSQL a growing share of the CPU under measurement
            // (a join with the import's rows about 20 ms a poll over 2,000 items, a count of the queue 24 ms
            // a poll while 10,000 items waited).
            boolean waiting = (Boolean) Database.query("select exists (select 1 from item "
                    + "where extraction_state in ('PENDING', 'RUNNING')) as waiting").get(0).get("waiting");
            if (!waiting) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("extraction did not finish");
    }

    private static void awaitIndexed(ApiClient clerk, String marker, int dossiers) throws InterruptedException {
        while (clerk.get(ApiClient.query("/api/search", Map.of("q", marker, "size", "1"))).json().get("total").asLong() < dossiers) {
            Thread.sleep(1000);
        }
    }

    private static void sampleRss(AtomicLong peakKib) {
        while (!Thread.currentThread().isInterrupted()) {
            String rss = ServerProcess.peakRss();
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("VmRSS: (\\d+)").matcher(rss);
            if (matcher.find()) {
                peakKib.accumulateAndGet(Long.parseLong(matcher.group(1)), Math::max);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static double seconds(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }
}
