package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile and broken packages: each problem reported per row or per file, nothing written outside, the job never stops. */
class ImportHostileIT extends ServerTestBase {

    private static ApiClient clerk;

    @BeforeAll
    static void users() {
        clerk = Users.create("importer", "CONFIDENTIAL", "理赔部", "CLERK");
    }

    private static List<String> messages(JsonNode view) {
        List<String> messages = new ArrayList<>();
        view.get("errors").forEach(error -> messages.add((error.hasNonNull("row") ? error.get("row").asInt() : "-") + " "
                + error.path("path").asText() + " " + error.get("message").asText()));
        return messages;
    }

    private static void assertError(JsonNode view, Integer row, String path, String text) {
        for (JsonNode error : view.get("errors")) {
            boolean sameRow = row == null ? !error.hasNonNull("row") : error.path("row").asInt() == row;
            String errorPath = error.hasNonNull("path") ? error.get("path").asText() : "";
            if (sameRow && path.equals(errorPath) && error.get("message").asText().contains(text)) {
                return;
            }
        }
        throw new AssertionError("no error " + row + " " + path + " " + text + " in " + messages(view));
    }

    private static int items(String claimNumber) {
        JsonNode page = clerk.get("/api/dossiers?type=CLAIM&businessKey=" + claimNumber).json();
        if (page.get("total").asInt() == 0) {
            return 0;
        }
        return clerk.get("/api/dossiers/" + page.get("dossiers").get(0).get("id").asText()).json().get("items").size();
    }

    @Test
    void traversalAbsolutePathsLinksDuplicatesAndStrayFilesAreReportedAndTheRestImported() {
        String number = ImportPackageBuilder.claimNumber();
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                        ImportPackageBuilder.claimRow(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "good.txt"),
                        ImportPackageBuilder.claimRow(number, "越界", "OTHER", "../../etc/passwd"),
                        ImportPackageBuilder.claimRow(number, "绝对路径", "OTHER", "/etc/passwd"),
                        ImportPackageBuilder.claimRow(number, "盘符", "OTHER", "C:\\Windows\\win.ini"),
                        ImportPackageBuilder.claimRow(number, "链接", "OTHER", "link.txt"),
                        ImportPackageBuilder.claimRow(number, "重复路径", "OTHER", "./good.txt"),
                        ImportPackageBuilder.claimRow(number, "缺失文件", "OTHER", "missing.txt"),
                        ImportPackageBuilder.claimRow(number, "重名条目", "OTHER", "twice.txt"),
                        ImportPackageBuilder.claimRow(number, "查勘报告", "SURVEY_REPORT", "survey.txt")))
                .text("good.txt", "报案 " + number)
                .text("survey.txt", "查勘 " + number)
                .text("../escaped-" + number + ".txt", "should never be written")
                .symlink("link.txt", "/etc/passwd")
                .text("twice.txt", "first")
                .text("twice.txt", "second")
                .text("stray.txt", "not in the manifest")
                .zip();

        JsonNode view = ImportRuns.run(clerk, zip);
        assertEquals("COMPLETED", view.get("status").asText(), view::toString);
        assertEquals(9, view.get("total").asInt());
        assertEquals(9, view.get("done").asInt());
        assertEquals(2, view.get("imported").asInt(), () -> messages(view).toString());
        assertEquals(7, view.get("failed").asInt());
        assertEquals(2, items(number));
        assertError(view, 3, "../../etc/passwd", "普通相对路径");
        assertError(view, 4, "/etc/passwd", "普通相对路径");
        assertError(view, 5, "C:\\Windows\\win.ini", "普通相对路径");
        assertError(view, 6, "link.txt", "符号链接");
        assertError(view, 7, "good.txt", "第 2 行");
        assertError(view, 8, "missing.txt", "不在导入包中");
        assertError(view, 9, "twice.txt", "2 个条目");
        assertError(view, null, "stray.txt", "清单中没有列出");
        assertError(view, null, "../escaped-" + number + ".txt", "普通相对路径");
        assertError(view, null, "twice.txt", "2 个条目");
        assertEquals(10, view.get("errorCount").asInt(), () -> messages(view).toString());

        Path it = Path.of(System.getProperty("archive.it.dir", "target/it"));
        try (Stream<Path> files = Files.walk(it.getParent())) {
            assertFalse(files.anyMatch(file -> file.getFileName().toString().equals("escaped-" + number + ".txt")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aZipBombAndThePackageSizeLimitStopOnlyTheirRows() {
        String number = ImportPackageBuilder.claimNumber();
        // Four bits of entropy per byte: packs to about half, far from a bomb, and 80 MiB unpacked is over the 64 MiB limit.
        byte[] random = new byte[40 * 1024 * 1024];
        new SecureRandom().nextBytes(random);
        for (int i = 0; i < random.length; i++) {
            random[i] &= 0x0F;
        }
        byte[] random2 = random.clone();
        random2[0] ^= 1;
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                        ImportPackageBuilder.claimRow(number, "炸弹", "OTHER", "bomb.txt"),
                        ImportPackageBuilder.claimRow(number, "影像一", "SURVEY_VIDEO", "video1.bin"),
                        ImportPackageBuilder.claimRow(number, "影像二", "SURVEY_VIDEO", "video2.bin"),
                        ImportPackageBuilder.claimRow(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "fnol.txt")))
                .file("bomb.txt", new byte[50 * 1024 * 1024])
                .file("video1.bin", random)
                .file("video2.bin", random2)
                .text("fnol.txt", "报案 " + number)
                .zip();
        JsonNode view = ImportRuns.run(clerk, zip);
        assertEquals("COMPLETED", view.get("status").asText(), view::toString);
        assertEquals(4, view.get("total").asInt());
        assertError(view, 2, "bomb.txt", "压缩炸弹");
        assertError(view, 4, "video2.bin", "总大小超过");
        assertEquals(2, view.get("imported").asInt(), () -> messages(view).toString());
        assertEquals(2, view.get("failed").asInt());
        assertEquals(2, items(number));
    }

    @Test
    void twoThreadsNeverTogetherExceedThePackageSizeLimit() {
        // Two dossiers, so their rows may run side by side; 2 x 40 MiB cannot both fit under 64 MiB.
        String first = ImportPackageBuilder.claimNumber();
        String second = ImportPackageBuilder.claimNumber();
        byte[] random = new byte[40 * 1024 * 1024];
        new SecureRandom().nextBytes(random);
        for (int i = 0; i < random.length; i++) {
            random[i] &= 0x0F;
        }
        byte[] other = random.clone();
        other[0] ^= 1;
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                        ImportPackageBuilder.claimRow(first, "影像", "SURVEY_VIDEO", "a/video.bin"),
                        ImportPackageBuilder.claimRow(second, "影像", "SURVEY_VIDEO", "b/video.bin")))
                .file("a/video.bin", random)
                .file("b/video.bin", other)
                .zip();
        JsonNode view = ImportRuns.run(clerk, zip);
        assertEquals("COMPLETED", view.get("status").asText(), view::toString);
        assertEquals(1, view.get("imported").asInt(), () -> messages(view).toString());
        assertEquals(1, view.get("failed").asInt());
        assertTrue(messages(view).stream().anyMatch(message -> message.contains("总大小超过")), () -> messages(view).toString());
        assertEquals(1, items(first) + items(second));
        assertTrue(view.get("bytesRead").asLong() <= 64L * 1024 * 1024, view::toString);
    }

    @Test
    void aRowNamingTheManifestItselfIsRefused() {
        String number = ImportPackageBuilder.claimNumber();
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                        ImportPackageBuilder.claimRow(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "fnol.txt"),
                        ImportPackageBuilder.claimRow(number, "清单", "OTHER", "manifest.csv")))
                .text("fnol.txt", "报案 " + number)
                .zip();
        JsonNode view = ImportRuns.run(clerk, zip);
        assertEquals(1, view.get("imported").asInt(), () -> messages(view).toString());
        assertEquals(1, view.get("failed").asInt());
        assertError(view, 3, "manifest.csv", "清单文件本身");
        assertEquals(1, items(number));
    }

    @Test
    void aZipWithMoreEntriesThanAnImportMayHaveIsRefusedBeforeItIsOpened() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("manifest.csv"));
            zip.write((ImportPackageBuilder.CHINESE_HEADINGS + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.setLevel(0);
            for (int i = 0; i < 250_000; i++) {
                zip.putNextEntry(new java.util.zip.ZipEntry(Integer.toString(i, 36)));
                zip.closeEntry();
            }
        }
        ApiClient.Reply refused = clerk.postRaw("/api/imports", "application/zip", bytes.toByteArray());
        JsonAssert.problem(refused, 400);
        assertTrue(refused.json().get("detail").asText().contains("250,000"), refused::toString);
    }

    @Test
    void badMetadataOversizedRowsAndUnknownColumnsAreReportedRowByRow() {
        String number = ImportPackageBuilder.claimNumber();
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS + ",备用列",
                        ImportPackageBuilder.claimRow(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "a.txt") + ",x",
                        ImportPackageBuilder.claimRow(number, "未知类型", "NO_SUCH_TYPE", "b.txt") + ",x",
                        ImportPackageBuilder.claimRow(number, "超长" + "长".repeat(20_000), "OTHER", "c.txt") + ",x",
                        ImportPackageBuilder.claimRow("bad number!", "错误赔案号", "OTHER", "d.txt") + ",x"))
                .text("a.txt", "报案 " + number).text("b.txt", "b " + number).text("c.txt", "c " + number)
                .text("d.txt", "d " + number).zip();
        JsonNode view = ImportRuns.run(clerk, zip);
        assertEquals(4, view.get("total").asInt(), view::toString);
        assertEquals(1, view.get("imported").asInt(), () -> messages(view).toString());
        assertEquals(3, view.get("failed").asInt());
        assertError(view, 1, "", "备用列");
        // The field is named by its word, as everywhere a person reads a refusal.
        assertError(view, 3, "b.txt", "文件类型：");
        assertFalse(messages(view).toString().contains("metadata.documentType"), () -> messages(view).toString());
        assertError(view, 4, "", "16,384");
        // A schema rule in the words of the new-dossier form, not the validator's sentence about patterns.
        assertError(view, 5, "d.txt", "赔案号：请填写 3 至 50 个字符");
        assertFalse(messages(view).toString().contains("claimNumber") || messages(view).toString().contains("pattern")
                || messages(view).toString().contains("详见 errors"), () -> messages(view).toString());
        assertEquals(1, items(number));
    }

    @Test
    void whatIsNoZipOrHasNoManifestIsRefusedAtOnce() {
        JsonAssert.problem(clerk.postRaw("/api/imports", "application/zip", "not a zip".getBytes()), 400);
        JsonAssert.problem(clerk.postRaw("/api/imports", "application/zip",
                new ImportPackageBuilder().text("a.txt", "no manifest").zip()), 400);
        ApiClient.Reply english = clerk.send(clerk.builder("/api/imports").header("Content-Type", "application/zip")
                .header("Accept-Language", "en")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new ImportPackageBuilder().text("a.txt", "x").zip())));
        assertTrue(english.json().get("detail").asText().contains("manifest.csv"), english::toString);
    }

    @Test
    void aServerFolderImportsOnlyUnderAConfiguredRootAndNeverFollowsLinks() throws Exception {
        String number = ImportPackageBuilder.claimNumber();
        Path root = Path.of(System.getProperty("it.import.roots"));
        Path folder = Files.createDirectories(root.resolve("branch-" + number));
        Files.writeString(folder.resolve("manifest.csv"), "\uFEFF" + String.join("\r\n", ImportPackageBuilder.CHINESE_HEADINGS,
                ImportPackageBuilder.claimRow(number, "报案记录", "FIRST_NOTICE_OF_LOSS", "fnol.txt"),
                ImportPackageBuilder.claimRow(number, "链接", "OTHER", "secret.txt"),
                ImportPackageBuilder.claimRow(number, "链接目录", "OTHER", "outside/passwd")) + "\r\n");
        Files.writeString(folder.resolve("fnol.txt"), "报案 " + number);
        Files.createSymbolicLink(folder.resolve("secret.txt"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(folder.resolve("outside"), Path.of("/etc"));

        JsonAssert.problem(clerk.post("/api/imports", Map.of("folder", "/etc")), 422);
        JsonAssert.problem(clerk.post("/api/imports", Map.of("folder", folder.resolve("outside").toString())), 422);
        ApiClient.Reply started = clerk.post("/api/imports", Map.of("folder", folder.toString()));
        assertEquals(202, started.status(), started::toString);
        JsonNode view = ImportRuns.finished(clerk, started.json().get("id").asText());
        assertEquals(3, view.get("total").asInt(), view::toString);
        assertEquals(1, view.get("imported").asInt(), () -> messages(view).toString());
        assertError(view, 3, "secret.txt", "符号链接");
        assertError(view, 4, "outside/passwd", "符号链接");
        assertEquals(1, items(number));
        assertTrue(Files.exists(folder.resolve("fnol.txt")), "a server folder is left as it was");
    }
}
