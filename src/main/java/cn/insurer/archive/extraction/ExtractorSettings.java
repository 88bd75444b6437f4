package cn.insurer.archive.extraction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configuration of the extraction children.
 *
 * @param javaExecutable the {@code java} binary used to launch children
 * @param classpath      classpath of the children; must contain this package and Tika
 * @param maxHeap        {@code -Xmx} value of each child, e.g. {@code 512m}
 * @param timeout        longest time one document may take before its child is killed
 * @param workers        number of children running in parallel
 * @param docsPerChild   documents after which a child is replaced, to bound leaks in parsers
 * @param ocrEnabled     run Tesseract on images and image-only PDFs when it is installed
 * @param ocrLanguages   Tesseract languages, e.g. {@code chi_sim+eng}
 * @param maxCharacters  text beyond this many characters is dropped and the outcome marked truncated
 * @param workDir        where text files and the children's temporary files are created
 */
public record ExtractorSettings(Path javaExecutable, String classpath, String maxHeap, Duration timeout,
                                int workers, int docsPerChild, boolean ocrEnabled, String ocrLanguages,
                                int maxCharacters, Path workDir) {

    public static final String DEFAULT_MAX_HEAP = "512m";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /**
     * A new child pays about 9 s of CPU loading and compiling Tika over its first documents (measured:
     * 45 s of CPU for 2,448 documents in one child against 33 s per 1,000 in children replaced every
     * 500). Replaced every 500 documents, children spent more on warming up than on parsing; every
     * 10,000 the warm-up is a few percent of a child's life, and leaks stay bounded ten times tighter
     * than tika-server's forked parser, which is replaced every 100,000 files by default.
     */
    public static final int DEFAULT_DOCS_PER_CHILD = 10_000;
    public static final String DEFAULT_OCR_LANGUAGES = "chi_sim+eng";
    public static final int DEFAULT_MAX_CHARACTERS = 20_000_000;

    private static final Pattern HEAP_SIZE = Pattern.compile("\\d+[kKmMgG]?");
    private static final Pattern OCR_LANGUAGES = Pattern.compile("[A-Za-z0-9_]+(\\+[A-Za-z0-9_]+)*");

    public ExtractorSettings {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(workDir, "workDir");
        if (classpath.isBlank()) {
            throw new IllegalArgumentException("classpath is empty");
        }
        if (maxHeap == null || !HEAP_SIZE.matcher(maxHeap).matches()) {
            throw new IllegalArgumentException("maxHeap must look like 512m, was " + maxHeap);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (docsPerChild < 1) {
            throw new IllegalArgumentException("docsPerChild must be at least 1, was " + docsPerChild);
        }
        if (ocrLanguages == null || !OCR_LANGUAGES.matcher(ocrLanguages).matches()) {
            throw new IllegalArgumentException("ocrLanguages must look like chi_sim+eng, was " + ocrLanguages);
        }
        if (maxCharacters < 1) {
            throw new IllegalArgumentException("maxCharacters must be positive, was " + maxCharacters);
        }
    }

    /**
     * Defaults suitable for a server: the running JVM's {@code java}, 512m heap, 120 s timeout, one child per
     * processor, replacement after 10,000 documents, OCR off, 20 million characters, and the system temp directory.
     */
    public static ExtractorSettings forClasspath(String classpath) {
        return new ExtractorSettings(currentJava(), classpath, DEFAULT_MAX_HEAP, DEFAULT_TIMEOUT,
                Runtime.getRuntime().availableProcessors(), DEFAULT_DOCS_PER_CHILD, false, DEFAULT_OCR_LANGUAGES,
                DEFAULT_MAX_CHARACTERS, Path.of(System.getProperty("java.io.tmpdir"), "archive-extraction"));
    }

    public ExtractorSettings withJavaExecutable(Path value) {
        return new ExtractorSettings(value, classpath, maxHeap, timeout, workers, docsPerChild, ocrEnabled,
                ocrLanguages, maxCharacters, workDir);
    }

    public ExtractorSettings withClasspath(String value) {
        return new ExtractorSettings(javaExecutable, value, maxHeap, timeout, workers, docsPerChild, ocrEnabled,
                ocrLanguages, maxCharacters, workDir);
    }

    public ExtractorSettings withMaxHeap(String value) {
        return new ExtractorSettings(javaExecutable, classpath, value, timeout, workers, docsPerChild, ocrEnabled,
                ocrLanguages, maxCharacters, workDir);
    }

    public ExtractorSettings withTimeout(Duration value) {
        return new ExtractorSettings(javaExecutable, classpath, maxHeap, value, workers, docsPerChild, ocrEnabled,
                ocrLanguages, maxCharacters, workDir);
    }

    public ExtractorSettings withWorkers(int value) {
        return new ExtractorSettings(javaExecutable, classpath, maxHeap, timeout, value, docsPerChild, ocrEnabled,
                ocrLanguages, maxCharacters, workDir);
    }

    public ExtractorSettings withDocsPerChild(int value) {
        return new ExtractorSettings(javaExecutable, classpath, maxHeap, timeout, workers, value, ocrEnabled,
                ocrLanguages, maxCharacters, workDir);
    }

    public ExtractorSettings withOcr(boolean enabled, String languages) {
        return new ExtractorSettings(javaExecutable, classpath, maxHeap, timeout, workers, docsPerChild, enabled,
                languages, maxCharacters, workDir);
    }

    public ExtractorSettings withMaxCharacters(int value) {
        return new ExtractorSettings(javaExecutable, classpath, maxHeap, timeout, workers, docsPerChild, ocrEnabled,
                ocrLanguages, value, workDir);
    }

    public ExtractorSettings withWorkDir(Path value) {
        return new ExtractorSettings(javaExecutable, classpath, maxHeap, timeout, workers, docsPerChild, ocrEnabled,
                ocrLanguages, maxCharacters, value);
    }

    /**
     * Prefers {@code java.home} because the process command may be a native launcher embedding the JVM rather than
     * {@code java} itself.
     */
    private static Path currentJava() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome;
        }
        return ProcessHandle.current().info().command().map(Path::of).orElse(Path.of("java"));
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
