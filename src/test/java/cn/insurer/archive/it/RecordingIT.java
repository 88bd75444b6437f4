package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A claim call recording played under a loan: by range, inline, with the notice naming who plays it; never a copy to keep. */
class RecordingIT extends ServerTestBase {

    @Test
    void aRecordingIsPlayedByRangeUnderALoanWithItsNoticeAndEachRequestAudited() {
        ApiClient clerk = Users.create("rcclerk", "SECRET", "档案室", "CLERK");
        Users.Account borrowerAccount = Users.account("rcadjuster", "INTERNAL", "理赔部", "ADJUSTER");
        ApiClient borrower = borrowerAccount.api();
        ApiClient head = Users.create("rchead", "SECRET", "理赔部", "DEPARTMENT_HEAD");
        ApiClient manager = Users.create("rcmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        String dossier = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "CONFIDENTIAL")).get("id").asText();
        byte[] wav = wav(16_000);
        ApiClient.Reply uploaded = clerk.upload(dossier, wav, "报案电话录音.wav", Dossiers.itemMetadata("报案电话录音", "OTHER"));
        assertEquals(201, uploaded.status(), uploaded::toString);
        String item = uploaded.json().get("id").asText();
        assertTrue(uploaded.json().get("mediaType").asText().startsWith("audio/"), uploaded::toString);
        assertEquals(403, borrower.get("/api/items/" + item + "/content", Map.of("Range", "bytes=0-99")).status());

        JsonNode loan = borrower.post("/api/loans", Map.of("dossierId", dossier, "purpose", "核对报案时间", "kind", "VIEW", "days", 3)).json();
        head.post("/api/loans/" + loan.get("id").asText() + "/approve", Map.of("comment", "同意"));
        String number = manager.post("/api/loans/" + loan.get("id").asText() + "/approve", Map.of("comment", "同意，仅限收听"))
                .json().get("number").asText();

        ApiClient.Reply part = borrower.get("/api/items/" + item + "/content", Map.of("Range", "bytes=100-1123"));
        assertEquals(206, part.status(), part::toString);
        assertEquals("bytes 100-1123/" + wav.length, part.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(wav, 100, 1124), part.body(), "exactly the bytes asked for, as filed");
        assertTrue(part.header("Content-Disposition").startsWith("inline"));
        assertEquals("no-store", part.header("Cache-Control"));
        assertEquals(number, part.header("X-Archive-Loan"));
        String notice = URLDecoder.decode(part.header("X-Archive-Notice").replaceFirst("^UTF-8''", ""), StandardCharsets.UTF_8);
        assertTrue(notice.contains(borrower.username()) && notice.contains(number) && notice.contains("不得录制"), notice);

        ApiClient.Reply whole = borrower.get("/api/items/" + item + "/content");
        assertEquals(200, whole.status());
        assertArrayEquals(wav, whole.body(), "a recording under a loan is played as filed, not turned into a PDF");
        assertEquals(416, borrower.get("/api/items/" + item + "/content", Map.of("Range", "bytes=" + wav.length + "-")).status());
        assertEquals(3L, Database.query("select count(*) as n from audit_event where action = 'CONTENT_READ' and target = ? "
                + "and details::jsonb ->> 'loan' = ?", "item:" + item, number).get(0).get("n"), "every request of the player is a read");

        try (Browser browser = Browser.open()) {
            browser.signIn(borrowerAccount);
            browser.go("/ui/dossier.xhtml?id=" + dossier);
            browser.click(org.openqa.selenium.By.cssSelector(".desk-view"));
            browser.awaitText("仅供查阅，不得录制或外传");
            // Until the request is done, PrimeFaces holds the clicked link disabled (and faint): settle before looking.
            browser.awaitAjax();
            org.openqa.selenium.WebElement player = browser.find(org.openqa.selenium.By.cssSelector("audio.desk-audio"));
            assertTrue(player.getAttribute("src").contains("/ui/files/items/" + item), player.getAttribute("src"));
            assertTrue(browser.text(org.openqa.selenium.By.cssSelector(".desk-recording-notice")).contains(borrower.username()));
            browser.screenshot("47-recording");
        }

        ApiClient.Reply byRight = clerk.get("/api/items/" + item + "/content", Map.of("Range", "bytes=0-43"));
        assertEquals(206, byRight.status());
        assertArrayEquals(Arrays.copyOfRange(wav, 0, 44), byRight.body());
        assertTrue(clerk.get("/api/items/" + item + "/content").header("Content-Disposition").startsWith("attachment"),
                "without a range, whoever may read it by right downloads the original");
    }

    /** A mono 8 kHz 16-bit PCM WAV of {@code samples} samples of a quiet tone. */
    private static byte[] wav(int samples) {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000)
                .putInt(16000).putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        ByteBuffer data = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            data.putShort((short) (Math.sin(i * 2 * Math.PI * 440 / 8000) * 3000));
        }
        out.writeBytes(data.array());
        return out.toByteArray();
    }
}
