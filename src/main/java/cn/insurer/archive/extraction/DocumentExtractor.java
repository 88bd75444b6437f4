package cn.insurer.archive.extraction;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.UnsupportedFormatException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;

/**
 * The Tika side of a child: parses one document into a text file and classifies what went wrong. Runs inside the
 * child only, because a hostile document may hang or exhaust the JVM that runs this code.
 */
final class DocumentExtractor {

    static final String ENCRYPTED = "encrypted: password protected";
    static final String EMPTY_FILE = "empty file";

    /** Checked in this order; presentations report slides rather than pages. */
    private static final List<Property> PAGE_COUNTS = List.of(PagedText.N_PAGES, Office.PAGE_COUNT,
            Office.SLIDE_COUNT);

    private final AutoDetectParser parser = new AutoDetectParser();
    private final ChildOptions options;

    DocumentExtractor(ChildOptions options) {
        this.options = options;
    }

    /**
     * @param detectedType the type detected from the document's bytes and name when it was filed, by the same
     *                     detector as Tika's own; parsed as that type instead of detecting it a second time
     *                     (its magic table, and opening each ZIP to tell the office formats apart).
     *                     Null or blank, or the generic binary type, to detect here.
     */
    ExtractionOutcome extract(Path input, String fileName, String detectedType, Path output) {
        Metadata metadata = new Metadata();
        if (detectedType != null && !detectedType.isBlank() && !MediaType.OCTET_STREAM.toString().equals(detectedType)) {
            // Read by Tika's composite detector before any other; documents inside this one are still detected.
            metadata.set(TikaCoreProperties.CONTENT_TYPE_USER_OVERRIDE, detectedType);
        }
        try {
            return parse(input, fileName, output, metadata);
        } catch (Exception | StackOverflowError | LinkageError e) {
            return classify(e, metadata);
        }
    }

    static boolean tesseractOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "tesseract"))
                .anyMatch(Files::isExecutable);
    }

    private ExtractionOutcome parse(Path input, String fileName, Path output, Metadata metadata) throws Exception {
        // The input is a temporary file with a meaningless name; detection needs the original one, e.g. to tell
        // GB18030 text from binary data.
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        boolean truncated = false;
        long characters;
        try (TikaInputStream stream = TikaInputStream.get(input);
             CountingWriter writer = new CountingWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            try {
                parser.parse(stream, new BodyContentHandler(new WriteOutContentHandler(writer,
                        options.maxCharacters())), metadata, newContext());
            } catch (Exception e) {
                if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                    throw e;
                }
                truncated = true;
            }
            writer.flush();
            characters = writer.count();
        }
        String mediaType = mediaType(metadata);
        if (!wasParsed(metadata) || MediaType.OCTET_STREAM.toString().equals(mediaType)) {
            return ExtractionOutcome.unsupported(mediaType, "no parser for " + mediaType);
        }
        return ExtractionOutcome.done(pages(metadata), characters, mediaType, truncated, output);
    }

    private ParseContext newContext() {
        ParseContext context = new ParseContext();
        // Attachments of e-mails and members of archives are part of the record, so parse them too.
        context.set(Parser.class, parser);

        // Tesseract is picked up whenever it is on the PATH; decide explicitly instead.
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        if (options.ocrEnabled()) {
            ocr.setLanguage(options.ocrLanguages());
        } else {
            ocr.setSkipOcr(true);
        }
        context.set(TesseractOCRConfig.class, ocr);

        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(options.ocrEnabled() ? PDFParserConfig.OCR_STRATEGY.AUTO
                : PDFParserConfig.OCR_STRATEGY.NO_OCR);
        context.set(PDFParserConfig.class, pdf);
        return context;
    }

    private static ExtractionOutcome classify(Throwable error, Metadata metadata) {
        if (FailureReason.isCausedBy(error, EncryptedDocumentException.class)) {
            return ExtractionOutcome.failed(ENCRYPTED);
        }
        if (FailureReason.isCausedBy(error, UnsupportedFormatException.class)) {
            return ExtractionOutcome.unsupported(mediaType(metadata), FailureReason.describe(error));
        }
        if (error instanceof ZeroByteFileException) {
            return ExtractionOutcome.failed(EMPTY_FILE);
        }
        return ExtractionOutcome.failed(FailureReason.describe(error));
    }

    /** Without a real parser Tika falls back to EmptyParser, which "succeeds" with no text. */
    private static boolean wasParsed(Metadata metadata) {
        String empty = EmptyParser.class.getName();
        return Arrays.stream(metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY))
                .anyMatch(name -> !name.equals(empty));
    }

    private static String mediaType(Metadata metadata) {
        MediaType type = MediaType.parse(metadata.get(Metadata.CONTENT_TYPE));
        return type == null ? MediaType.OCTET_STREAM.toString() : type.getBaseType().toString();
    }

    private static int pages(Metadata metadata) {
        for (Property property : PAGE_COUNTS) {
            Integer count = metadata.getInt(property);
            if (count != null && count > 0) {
                return count;
            }
        }
        return ExtractionOutcome.UNKNOWN_PAGES;
    }
}
