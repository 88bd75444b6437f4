package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** Cover and box labels: printed as PDF, their QR codes read back from the rendered page, and a scan opening what they name. */
class LabelIT extends ServerTestBase {

    private static final String DEPARTMENT = "理赔部";

    @Test
    void coverAndBoxLabelsCarryCodesAScannerReadsAndTheSearchBoxOpens() throws Exception {
        Users.Account clerk = Users.account("lbclerk", "INTERNAL", "档案室", "CLERK");
        ApiClient manager = Users.create("lbmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        String box = "盒" + Users.unique("b").replaceAll("[^0-9a-f]", "").substring(0, 6);
        String first = sealedInBox(clerk.api(), manager, "INTERNAL", box);
        String second = sealedInBox(clerk.api(), manager, "INTERNAL", box);
        String secret = sealedInBox(manager, manager, "SECRET", box);
        String firstCode = clerk.api().get("/api/dossiers/" + first).json().get("archivalCode").asText();
        String secondCode = clerk.api().get("/api/dossiers/" + second).json().get("archivalCode").asText();
        String secretCode = manager.get("/api/dossiers/" + secret).json().get("archivalCode").asText();

        ApiClient.Reply covers = clerk.api().get(ApiClient.query("/api/labels/covers", Map.of("dossier", first)) + "&dossier=" + java.net.URLEncoder.encode(secondCode, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, covers.status(), covers::toString);
        assertEquals("application/pdf", covers.contentType());
        try (PDDocument sheet = Loader.loadPDF(covers.body())) {
            assertEquals(1, sheet.getNumberOfPages());
            String text = new PDFTextStripper().getText(sheet);
            assertTrue(text.contains(firstCode) && text.contains("一号库房 / D-01 / " + box) && text.contains("保管期限 10年"), text);
            BufferedImage page = new PDFRenderer(sheet).renderImageWithDPI(0, 150);
            ImageIO.write(page, "png", new File("target/screenshots/43-cover-labels.png"));
            assertEquals(Set.of(firstCode, secondCode), qrCodes(page), "each label's QR code is its 档号");
        }
        JsonAssert.problem(clerk.api().get(ApiClient.query("/api/labels/covers", Map.of("dossier", secret))), 404);
        JsonAssert.problem(clerk.api().get("/api/labels/covers"), 422);
        JsonAssert.problem(Users.create("lbadjuster", "SECRET", DEPARTMENT, "ADJUSTER")
                .get(ApiClient.query("/api/labels/covers", Map.of("dossier", first))), 403);

        ApiClient.Reply boxLabel = clerk.api().get(ApiClient.query("/api/labels/box", Map.of("room", "一号库房", "shelf", "D-01", "box", box)));
        assertEquals(200, boxLabel.status(), boxLabel::toString);
        try (PDDocument label = Loader.loadPDF(boxLabel.body())) {
            String text = new PDFTextStripper().getText(label);
            assertTrue(text.contains(firstCode) && text.contains(secondCode) && text.contains("共 2 卷"), text);
            assertTrue(!text.contains(secretCode), "the box label lists only what the clerk may read: " + text);
            BufferedImage page = new PDFRenderer(label).renderImageWithDPI(0, 150);
            ImageIO.write(page, "png", new File("target/screenshots/44-box-label.png"));
            assertEquals(Set.of("一号库房 / D-01 / " + box), qrCodes(page));
        }
        JsonAssert.problem(clerk.api().get(ApiClient.query("/api/labels/box", Map.of("room", "一号库房", "shelf", "D-01"))), 422);
        JsonAssert.problem(clerk.api().get(ApiClient.query("/api/labels/box", Map.of("room", "一号库房", "shelf", "D-01", "box", "空盒"))), 404);
        assertEquals(2L, Database.query("select count(*) as n from audit_event where action = 'REPORT_GENERATED' and actor = ?",
                clerk.username()).get(0).get("n"));

        try (Browser browser = Browser.open()) {
            browser.signIn(clerk);
            browser.go("/ui/home.xhtml");
            browser.type(By.id("header-q"), secondCode + Keys.ENTER);
            browser.awaitText("一号库房 / D-01 / " + box);
            assertTrue(browser.driver().getCurrentUrl().contains("/ui/dossier.xhtml?id=" + second), browser.driver().getCurrentUrl());
            assertTrue(browser.find(By.id("paper:cover-label")).getAttribute("href").contains("/ui/files/labels/covers?dossier=" + second));
            assertEquals(200, browser.download(browser.find(By.id("paper:box-label")).getAttribute("href")).statusCode());

            browser.type(By.id("header-q"), "一号库房 / D-01 / " + box + Keys.ENTER);
            browser.awaitText(firstCode);
            String listed = browser.text(By.id("search:numbered"));
            assertTrue(listed.contains(firstCode) && listed.contains(secondCode) && !listed.contains(secretCode), listed);
        }
    }

    private static String sealedInBox(ApiClient filer, ApiClient manager, String level, String box) {
        String id = Dossiers.create(filer, Dossiers.claim("车险", DEPARTMENT, level)).get("id").asText();
        assertEquals(200, filer.put("/api/dossiers/" + id + "/location", Map.of("room", "一号库房", "shelf", "D-01", "box", box)).status());
        assertEquals(201, filer.post("/api/dossiers/" + id + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2025-07-01")).status());
        Dossiers.seal(manager, id);
        return id;
    }

    private static Set<String> qrCodes(BufferedImage page) throws Exception {
        int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels)));
        Result[] results = new QRCodeMultiReader().decodeMultiple(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                DecodeHintType.CHARACTER_SET, "UTF-8"));
        return Arrays.stream(results).map(Result::getText).collect(Collectors.toSet());
    }
}
