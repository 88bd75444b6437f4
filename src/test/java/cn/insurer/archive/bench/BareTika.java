package cn.insurer.archive.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.sax.BodyContentHandler;

/**
 * The baseline: plain Tika in one JVM on N threads, no isolation, no storage, no index. It runs in
 * its own JVM on exactly the jars the archive's extractor uses, so the comparison is like for like.
 * Arguments: threads, ocr (true/false), a file listing one path per line, and optionally
 * {@code embedded}: parse attachments and archive members too, as the archive's extractor does
 * (Tika's default leaves them out). Prints {@code seconds pages characters}.
 */
public final class BareTika {

    private BareTika() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        boolean ocr = Boolean.parseBoolean(args[1]);
        List<String> files = Files.readAllLines(Path.of(args[2]));
        boolean embedded = args.length > 3 && "embedded".equals(args[3]);
        AutoDetectParser parser = new AutoDetectParser();
        AtomicLong pages = new AtomicLong();
        AtomicLong characters = new AtomicLong();
        Instant start = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (String name : files) {
            Path file = Path.of(name);
            work.add(pool.submit(() -> parse(parser, file, ocr, embedded, pages, characters)));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        System.out.println(seconds + " " + pages.get() + " " + characters.get());
        System.exit(0);
    }

    private static void parse(AutoDetectParser parser, Path file, boolean ocr, boolean embedded, AtomicLong pages,
                              AtomicLong characters) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
        ParseContext context = new ParseContext();
        if (embedded) {
            context.set(Parser.class, parser);
        }
        TesseractOCRConfig ocrConfig = new TesseractOCRConfig();
        ocrConfig.setSkipOcr(!ocr);
        ocrConfig.setLanguage("chi_sim+eng");
        context.set(TesseractOCRConfig.class, ocrConfig);
        BodyContentHandler handler = new BodyContentHandler(5_000_000);
        try (InputStream in = TikaInputStream.get(file)) {
            parser.parse(in, handler, metadata, context);
        } catch (Exception | LinkageError | StackOverflowError e) {
            // Bare Tika fails on the same hostile files; the time it spent still counts.
        }
        characters.addAndGet(handler.toString().length());
        String count = metadata.get("xmpTPg:NPages");
        if (count != null && count.trim().matches("\\d+")) {
            pages.addAndGet(Long.parseLong(count.trim()));
        }
    }
}
