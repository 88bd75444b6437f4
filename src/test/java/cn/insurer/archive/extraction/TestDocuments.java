package cn.insurer.archive.extraction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Real documents for the tests: Tika's own hostile corpus plus a few generated ones. */
final class TestDocuments {

    static final String CHINESE = "被保险人在保险期间内发生交通事故";
    private static final Path CORPUS = Path.of("target", "test-documents");

    private TestDocuments() {
    }

    static Path corpus(String name) {
        Path file = CORPUS.resolve(name).toAbsolutePath();
        assertTrue(Files.isRegularFile(file), "missing " + file + "; run mvn generate-test-resources");
        return file;
    }

    static ExtractorSettings settings(Path workDir) {
        return ExtractorSettings.forClasspath(System.getProperty("java.class.path")).withWorkDir(workDir);
    }

    static Path gb18030Text(Path dir) throws IOException {
        Path file = dir.resolve("claim-gb18030.txt");
        Files.write(file, (CHINESE + "，车辆受损。\n").repeat(3).getBytes(Charset.forName("GB18030")));
        return file;
    }

    static Path randomBytes(Path dir) throws IOException {
        byte[] bytes = new byte[64 * 1024];
        new Random(42).nextBytes(bytes);
        Path file = dir.resolve("random.bin");
        Files.write(file, bytes);
        return file;
    }

    /** 50 MB of text compressed to about 50 KB: far beyond the expansion Tika accepts from an archive. */
    static Path zipBomb(Path dir) throws IOException {
        Path file = dir.resolve("claims-export.zip");
        char[] chunk = new char[1 << 20];
        Arrays.fill(chunk, 'a');
        byte[] bytes = new String(chunk).getBytes(StandardCharsets.US_ASCII);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("claims.txt"));
            for (int i = 0; i < 50; i++) {
                zip.write(bytes);
            }
            zip.closeEntry();
        }
        return file;
    }

    /** A PDF that needs a user password to open, unlike testPDF_protected.pdf which only restricts editing. */
    static Path passwordProtectedPdf(Path dir) throws IOException {
        Path file = dir.resolve("password.pdf");
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("Confidential medical report");
                content.endText();
            }
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(file.toFile());
        }
        return file;
    }

    /** Content is irrelevant: the extension routes the file to one of {@link TestParsers}. */
    static Path misbehaving(Path dir, String extension) throws IOException {
        Path file = dir.resolve("misbehaving" + extension);
        Files.writeString(file, "x");
        return file;
    }

    static String text(ExtractionOutcome outcome) throws IOException {
        return Files.readString(outcome.textFile());
    }
}
