package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access on the dossier and retention side: dates that start legal clocks move only by the archive
 * manager's correction; items above a reader's standing show that they exist, not what they are;
 * changes the user may not make are refused and audited; a disposition batch disposes of what its
 * signers saw, or goes back to be signed again.
 */
class DossierLeakIT extends ServerTestBase {

    private static final String CLAIMS = "理赔部";
    private static final String ARCHIVE = "档案室";
    private static final Pattern ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");

    private static ApiClient clerk;
    private static ApiClient lowClerk;
    private static ApiClient manager;
    private static ApiClient auditor;

    @BeforeAll
    static void users() {
        clerk = Users.create("lclerk", "SECRET", ARCHIVE, "CLERK");
        lowClerk = Users.create("llow", "INTERNAL", ARCHIVE, "CLERK");
        manager = Users.create("lmanager", "SECRET", ARCHIVE, "ARCHIVE_MANAGER");
        auditor = Users.create("lauditor", "SECRET", ARCHIVE, "AUDITOR");
    }

    // --- Finding 4: a date that starts a legal clock moves only by the archive manager's correction ---

    @Test
    void aClerkCannotMoveAClaimsClosingDateToLiftTheLoanOnlyPhase() {
        ApiClient adjuster = Users.create("ladjuster", "INTERNAL", CLAIMS, "ADJUSTER");
        String dossier = claim("INTERNAL");
        String idCopy = upload(clerk, dossier, "身份证号 110101199001011234 " + dossier, "身份证.txt",
                Map.of("title", "身份证复印件", "documentType", "ID_COPY", "personalData", true)).get("id").asText();
        LocalDate closed = today().minusDays(400);
        assertEquals(201, event(clerk, dossier, "CLAIM_CLOSED", closed, null).status());
        assertEquals(403, adjuster.get("/api/items/" + idCopy).status(), "personal data past its purpose is loan-only");
        assertEquals(201, event(clerk, dossier, "CLAIM_CLOSED", closed, null).status(), "the same date again changes nothing");
        assertEquals(List.of(closed.toString()), dates(dossier, "CLAIM_CLOSED"));

        JsonAssert.problem(event(clerk, dossier, "CLAIM_CLOSED", today(), null), 403);
        assertEquals(List.of(closed.toString()), dates(dossier, "CLAIM_CLOSED"));
        assertEquals(403, adjuster.get("/api/items/" + idCopy).status(), "the loan-only phase stays");
        assertDenied(clerk, "dossier:" + dossier, "dossier.event.correct");

        LocalDate corrected = today().minusDays(30);
        ApiClient.Reply noReason = event(manager, dossier, "CLAIM_CLOSED", corrected, "  ");
        JsonAssert.problem(noReason, 422);
        JsonNode error = noReason.json().get("errors").get(0);
        assertEquals("reason", error.get("field").asText());
        assertTrue(error.get("message").asText().contains("理由"), noReason::toString);
        assertEquals(List.of(closed.toString()), dates(dossier, "CLAIM_CLOSED"));

        String reason = "结案日期误录，以结案通知书日期为准";
        ApiClient.Reply fixed = event(manager, dossier, "CLAIM_CLOSED", corrected, reason);
        assertEquals(201, fixed.status(), fixed::toString);
        assertEquals(List.of(corrected.toString()), dates(dossier, "CLAIM_CLOSED"));
        JsonNode correction = audited(manager, "BUSINESS_EVENT_CORRECTED", "dossier:" + dossier).get(0).get("details");
        assertEquals(closed.toString(), correction.get("previousDate").asText());
        assertEquals(corrected.toString(), correction.get("date").asText());
        assertEquals(reason, correction.get("reason").asText());
        assertEquals(200, adjuster.get("/api/items/" + idCopy).status(), "the corrected date is the one that counts");
    }

    @Test
    void aPolicyTerminationMovesNeitherEarlierNorLaterWithoutTheArchiveManager() {
        String policy = Dossiers.create(clerk, Dossiers.underwriting("家财险", ARCHIVE)).get("id").asText();
        assertEquals(201, event(clerk, policy, "POLICY_TERMINATED", LocalDate.parse("2025-12-31"), null).status());
        assertEquals("2030-12-31", retention(policy).get("dispositionDate").asText());

        JsonAssert.problem(event(clerk, policy, "POLICY_TERMINATED", LocalDate.parse("2025-06-30"), "提前退保"), 403);
        JsonAssert.problem(event(lowClerk, policy, "POLICY_TERMINATED", LocalDate.parse("2026-03-31"), null), 403);
        assertEquals(List.of("2025-12-31"), dates(policy, "POLICY_TERMINATED"));
        assertEquals("2030-12-31", retention(policy).get("dispositionDate").asText(), "the retention clock did not move");
        assertDenied(clerk, "dossier:" + policy, "dossier.event.correct");
        assertDenied(lowClerk, "dossier:" + policy, "dossier.event.correct");

        ApiClient.Reply fixed = event(manager, policy, "POLICY_TERMINATED", LocalDate.parse("2025-06-30"), "投保人于六月退保，见退保批单");
        assertEquals(201, fixed.status(), fixed::toString);
        assertEquals(List.of("2025-06-30"), dates(policy, "POLICY_TERMINATED"));
        assertEquals("2030-06-30", retention(policy).get("dispositionDate").asText());
    }

    @Test
    void aDisputeMayReopenButTheDateOfItsClosingDoesNotMove() {
        String dossier = claim("INTERNAL");
        assertEquals(201, event(clerk, dossier, "DISPUTE_OPENED", LocalDate.parse("2025-02-01"), null).status());
        assertEquals(201, event(clerk, dossier, "DISPUTE_CLOSED", LocalDate.parse("2025-05-01"), null).status());
        JsonAssert.problem(event(clerk, dossier, "DISPUTE_CLOSED", LocalDate.parse("2025-03-01"), null), 403);
        JsonAssert.problem(event(clerk, dossier, "DISPUTE_OPENED", LocalDate.parse("2025-01-01"), null), 403);
        assertEquals(List.of("2025-05-01"), dates(dossier, "DISPUTE_CLOSED"));
        assertEquals(201, event(clerk, dossier, "DISPUTE_OPENED", LocalDate.parse("2025-08-01"), null).status(),
                "a dispute that closed may open again");
        assertEquals(201, event(clerk, dossier, "DISPUTE_CLOSED", LocalDate.parse("2025-10-01"), null).status(),
                "and close again");
        assertEquals(List.of("2025-05-01", "2025-10-01"), dates(dossier, "DISPUTE_CLOSED"));
        assertDenied(clerk, "dossier:" + dossier, "dossier.event.correct");
    }

    @Test
    void noClockStartsInTheFutureNotEvenTheFirstTime() {
        String dossier = claim("INTERNAL");
        JsonAssert.problem(event(clerk, dossier, "CLAIM_CLOSED", today().plusDays(1), null), 422);
        JsonAssert.problem(event(clerk, dossier, "DISPUTE_OPENED", today().plusDays(1), null), 422);
        assertEquals(0, clerk.get("/api/dossiers/" + dossier).json().get("events").size());
        assertEquals(201, event(clerk, dossier, "CLAIM_CLOSED", today().minusDays(2), null).status());
        ApiClient.Reply future = event(manager, dossier, "CLAIM_CLOSED", today().plusDays(10), "预计结案日期");
        JsonAssert.problem(future, 422);
        assertEquals("date", future.json().get("errors").get(0).get("field").asText());
        assertEquals(List.of(today().minusDays(2).toString()), dates(dossier, "CLAIM_CLOSED"));
    }

    @Test
    void aSealedClaimsClosingDateStaysPut() {
        String dossier = claim("INTERNAL");
        assertEquals(201, event(clerk, dossier, "CLAIM_CLOSED", LocalDate.parse("2025-03-01"), null).status());
        ApiClient.Reply sealed = manager.post("/api/dossiers/" + dossier + "/seal", Map.of("exceptionReason", "部分单证原件遗失，已附说明"));
        assertEquals(200, sealed.status(), sealed::toString);
        JsonAssert.problem(event(clerk, dossier, "CLAIM_CLOSED", LocalDate.parse("2026-01-05"), null), 403);
        assertEquals(List.of("2025-03-01"), dates(dossier, "CLAIM_CLOSED"));
        assertEquals(2025, clerk.get("/api/dossiers/" + dossier).json().get("archivalYear").asInt());
        assertDenied(clerk, "dossier:" + dossier, "dossier.event.correct");
    }

    @Test
    void theDesksEventFormFollowsTheSameRule() {
        Users.Account deskClerk = Users.account("ldclerk", "SECRET", ARCHIVE, "CLERK");
        Users.Account deskManager = Users.account("ldmanager", "SECRET", ARCHIVE, "ARCHIVE_MANAGER");
        String dossier = claim("INTERNAL");
        LocalDate closed = today().minusDays(400);
        assertEquals(201, event(deskClerk.api(), dossier, "CLAIM_CLOSED", closed, null).status());

        DeskForms desk = DeskForms.signIn(deskClerk);
        desk.get("/ui/dossier.xhtml?id=" + dossier);
        HttpResponse<String> refused = desk.submit("actions", Map.of("actions:event", "CLAIM_CLOSED",
                "actions:event-date", today().toString(), "actions:record-event", ""));
        assertTrue(text(refused.body()).contains("档案主管"), "the desk says who may correct the date");
        assertEquals(List.of(closed.toString()), dates(dossier, "CLAIM_CLOSED"));
        assertDenied(deskClerk.api(), "dossier:" + dossier, "dossier.event.correct");

        DeskForms managerDesk = DeskForms.signIn(deskManager);
        managerDesk.get("/ui/dossier.xhtml?id=" + dossier);
        managerDesk.submit("actions", Map.of("actions:event", "CLAIM_CLOSED", "actions:event-date", today().minusDays(20).toString(),
                "actions:event-reason", "结案日期误录", "actions:record-event", ""));
        assertEquals(List.of(today().minusDays(20).toString()), dates(dossier, "CLAIM_CLOSED"));
        JsonNode correction = audited(deskManager.api(), "BUSINESS_EVENT_CORRECTED", "dossier:" + dossier).get(0).get("details");
        assertEquals("结案日期误录", correction.get("reason").asText());
    }

    // --- Finding 8: an item above the reader's standing shows that it exists, not what it is ---

    /** A readable item and one above INTERNAL in an INTERNAL claim; returns the secret item's fields. */
    private static Secret claimWithASecretItem() {
        String dossier = claim("INTERNAL");
        String marker = Users.unique("m").replaceAll("[^a-z0-9]", "");
        upload(clerk, dossier, "查勘记录 " + marker, "查勘记录.txt", Map.of("title", "查勘报告" + marker, "documentType", "SURVEY_REPORT"));
        String title = "伤残鉴定意见书" + marker;
        String fileName = "jianding-" + marker + ".txt";
        JsonNode item = upload(clerk, dossier, "伤残等级七级 鉴定人签字 " + marker + " ".repeat(777), fileName,
                Map.of("title", title, "documentType", "MEDICAL_RECORD", "securityLevel", "SECRET"));
        return new Secret(dossier, item.get("id").asText(), title, fileName, item.get("sha256").asText(), item.get("size").asLong(),
                "查勘报告" + marker);
    }

    private record Secret(String dossier, String id, String title, String fileName, String sha256, long size, String openTitle) {

        void absentFrom(String text, String where) {
            for (String trace : List.of(title, fileName, sha256, sha256.substring(0, 16), id)) {
                assertFalse(text.contains(trace), where + " shows " + trace);
            }
        }
    }

    @Test
    void theDossierDetailShowsOnlyThatARestrictedItemExists() {
        Secret secret = claimWithASecretItem();
        ApiClient adjuster = Users.create("ladjuster", "INTERNAL", CLAIMS, "ADJUSTER");
        for (ApiClient reader : List.of(adjuster, lowClerk)) {
            ApiClient.Reply reply = reader.get("/api/dossiers/" + secret.dossier());
            assertEquals(200, reply.status(), reply::toString);
            secret.absentFrom(reply.text(), "the dossier detail");
            JsonNode dossier = reply.json();
            assertEquals(2, dossier.get("itemCount").asInt());
            assertEquals(2, dossier.get("items").size());
            JsonNode open = dossier.get("items").get(0);
            assertEquals(secret.openTitle(), open.get("title").asText());
            assertFalse(open.get("restricted").asBoolean());
            JsonNode restricted = dossier.get("items").get(1);
            assertTrue(restricted.get("restricted").asBoolean(), restricted::toString);
            assertEquals(2, restricted.get("itemNumber").asInt());
            for (String field : List.of("id", "title", "fileName", "sha256", "size", "mediaType", "documentType", "securityLevel")) {
                assertTrue(restricted.path(field).isMissingNode() || restricted.path(field).isNull(), field + ": " + restricted);
            }
            assertEquals(403, reader.get("/api/items/" + secret.id()).status());
            assertEquals(403, reader.get("/api/items/" + secret.id() + "/content").status());
            String businessKey = dossier.get("businessKey").asText();
            JsonNode listed = reader.get(ApiClient.query("/api/dossiers", Map.of("businessKey", businessKey))).json();
            assertEquals(2, listed.get("dossiers").get(0).get("itemCount").asInt(), "the list counts the same items");
        }
        assertDenied(adjuster, "item:" + secret.id(), "item.read");
        JsonNode full = clerk.get("/api/dossiers/" + secret.dossier()).json();
        assertEquals(secret.title(), full.get("items").get(1).get("title").asText(), "a reader cleared for it sees it");
        assertEquals(secret.sha256(), full.get("items").get(1).get("sha256").asText());
        assertFalse(full.get("items").get(1).get("restricted").asBoolean());
    }

    @Test
    void theItemListInEveryFormatMarksRestrictedRowsOnly() {
        Secret secret = claimWithASecretItem();
        ApiClient adjuster = Users.create("ladjuster", "INTERNAL", CLAIMS, "ADJUSTER");
        ApiClient.Reply csv = adjuster.get("/api/dossiers/" + secret.dossier() + "/item-list?format=csv");
        assertEquals(200, csv.status(), csv::toString);
        secret.absentFrom(csv.text(), "the CSV item list");
        assertTrue(csv.text().contains("受限文件") && csv.text().contains(secret.openTitle()), csv::text);

        ApiClient.Reply xlsx = adjuster.get("/api/dossiers/" + secret.dossier() + "/item-list?format=xlsx");
        assertEquals(200, xlsx.status(), xlsx::toString);
        String sheet = workbookText(xlsx.body());
        secret.absentFrom(sheet, "the XLSX item list");
        assertTrue(sheet.contains("受限文件") && sheet.contains(secret.openTitle()), "the XLSX lists both rows");

        ApiClient.Reply pdf = adjuster.get("/api/dossiers/" + secret.dossier() + "/item-list?format=pdf");
        assertEquals(200, pdf.status(), pdf::toString);
        String printed = pdfText(pdf.body());
        secret.absentFrom(printed, "the PDF item list");
        assertTrue(printed.contains("受限文件"), printed);

        String cleared = clerk.get("/api/dossiers/" + secret.dossier() + "/item-list?format=csv").text();
        assertTrue(cleared.contains(secret.title()) && !cleared.contains("受限文件"), cleared);
    }

    @Test
    void theDesksDossierPageMarksRestrictedRowsOnly() {
        Secret secret = claimWithASecretItem();
        Users.Account adjuster = Users.account("ldadjuster", "INTERNAL", CLAIMS, "ADJUSTER");
        DeskForms desk = DeskForms.signIn(adjuster);
        String html = desk.get("/ui/dossier.xhtml?id=" + secret.dossier());
        String text = text(html);
        secret.absentFrom(text, "the desk's dossier page");
        assertTrue(text.contains("受限文件"), "the restricted row is marked");
        assertTrue(text.contains(secret.openTitle()), "the readable row is shown");

        Users.Account cleared = Users.account("ldclerk", "SECRET", ARCHIVE, "CLERK");
        assertTrue(text(DeskForms.signIn(cleared).get("/ui/dossier.xhtml?id=" + secret.dossier())).contains(secret.title()));
    }

    @Test
    void personalDataPastItsPurposeIsRestrictedUntilALoanCoversIt() {
        ApiClient adjuster = Users.create("ladjuster", "INTERNAL", CLAIMS, "ADJUSTER");
        ApiClient head = Users.create("lhead", "INTERNAL", CLAIMS, "DEPARTMENT_HEAD");
        String dossier = claim("INTERNAL");
        String title = "银行卡复印件" + Users.unique("p").replaceAll("[^a-z0-9]", "");
        String idCopy = upload(clerk, dossier, "卡号 6222020200112233445 " + title, "bank-" + title + ".txt",
                Map.of("title", title, "documentType", "ID_COPY", "personalData", true)).get("id").asText();
        assertEquals(201, event(clerk, dossier, "CLAIM_CLOSED", today().minusDays(400), null).status());
        for (ApiClient reader : List.of(adjuster, clerk)) {
            String detail = reader.get("/api/dossiers/" + dossier).text();
            assertFalse(detail.contains(title) || detail.contains(idCopy), "nobody sees it by standing: " + detail);
            assertFalse(reader.get("/api/dossiers/" + dossier + "/item-list?format=csv").text().contains(title));
        }
        String loan = adjuster.post("/api/loans", Map.of("dossierId", dossier, "itemIds", List.of(idCopy),
                "purpose", "客户投诉复核，需核对账户信息", "kind", "VIEW", "days", 3)).json().get("id").asText();
        ApiClient.Reply approved = head.post("/api/loans/" + loan + "/approve", Map.of("comment", "同意，仅限核对"));
        assertEquals("ACTIVE", approved.json().get("status").asText(), approved::toString);
        JsonNode lent = adjuster.get("/api/dossiers/" + dossier).json().get("items").get(0);
        assertEquals(title, lent.get("title").asText(), "a loan in force covering it shows it");
        assertFalse(lent.get("restricted").asBoolean());
    }

    // --- Finding 9: changes the user may not make are refused, and every refusal is audited ---

    @Test
    void changesToADossierAboveTheClerksClearanceAreRefusedAndAudited() {
        String dossier = claim("SECRET");
        String item = upload(clerk, dossier, "机密材料 " + dossier, "机密.txt", Map.of("title", "机密材料", "documentType", "OTHER"))
                .get("id").asText();
        String target = "dossier:" + dossier;

        JsonAssert.problem(lowClerk.post("/api/dossiers/" + dossier + "/seal", ""), 403);
        assertDenied(lowClerk, target, "dossier.seal");
        JsonAssert.problem(event(lowClerk, dossier, "CLAIM_CLOSED", today().minusDays(5), null), 403);
        assertDenied(lowClerk, target, "dossier.event");
        JsonAssert.problem(lowClerk.put("/api/dossiers/" + dossier + "/location", Map.of("room", "一号库房", "shelf", "A-01", "box", "0001")), 403);
        assertDenied(lowClerk, target, "dossier.location");
        JsonAssert.problem(lowClerk.upload(dossier, "补充".getBytes(StandardCharsets.UTF_8), "补充.txt",
                Dossiers.itemMetadata("补充", "OTHER")), 403);
        assertDenied(lowClerk, target, "item.upload");
        JsonAssert.problem(lowClerk.post("/api/items/" + item + "/extraction/retry", ""), 403);
        assertDenied(lowClerk, "item:" + item, "item.extraction.retry");

        JsonNode unchanged = clerk.get("/api/dossiers/" + dossier).json();
        assertEquals("OPEN", unchanged.get("status").asText());
        assertEquals(0, unchanged.get("events").size());
        assertTrue(unchanged.path("paperLocation").isMissingNode() || unchanged.path("paperLocation").isNull(), unchanged::toString);
        assertEquals(1, unchanged.get("items").size());

        ApiClient.Reply tooHigh = lowClerk.post("/api/dossiers", Dossiers.claim("车险", CLAIMS, "SECRET"));
        JsonAssert.problem(tooHigh, 422);
        assertEquals("securityLevel", tooHigh.json().get("errors").get(0).get("field").asText());
        String internal = claim("INTERNAL");
        ApiClient.Reply itemTooHigh = lowClerk.upload(internal, "高密级".getBytes(StandardCharsets.UTF_8), "高.txt",
                Map.of("title", "高", "documentType", "OTHER", "securityLevel", "SECRET"));
        JsonAssert.problem(itemTooHigh, 422);
        assertEquals("metadata.securityLevel", itemTooHigh.json().get("errors").get(0).get("field").asText());
    }

    @Test
    void nobodySignsADispositionBatchTwice() {
        ApiClient both = Users.create("lboth", "SECRET", ARCHIVE, "ARCHIVE_MANAGER", "AUDITOR");
        String batch = propose(duePolicy());
        assertEquals(200, both.post("/api/dispositions/" + batch + "/approve", "").status());
        JsonAssert.problem(both.post("/api/dispositions/" + batch + "/approve", ""), 403);
        assertDenied(both, "disposition:" + batch, "disposition.approve");

        String other = propose(duePolicy());
        assertEquals(200, manager.post("/api/dispositions/" + other + "/approve", "").status());
        JsonAssert.problem(manager.post("/api/dispositions/" + other + "/approve", ""), 403);
        assertDenied(manager, "disposition:" + other, "disposition.approve");
        assertEquals("MANAGER_APPROVED", manager.get("/api/dispositions/" + other).json().get("status").asText());
        assertEquals("APPROVED", auditor.post("/api/dispositions/" + other + "/approve", "").json().get("status").asText());
    }

    // --- Finding 13: a batch disposes of what its signers saw. Only sealed dossiers are proposed, and nothing
    // enters a sealed dossier, so no item can arrive unseen between the proposal, the signatures and the execution.

    @Test
    void anItemFiledAfterApprovalIsRefusedAndTheBatchDestroysWhatItsSignersSaw() {
        String dossier = duePolicy();
        upload(clerk, dossier, "投保单 " + dossier, "投保单.txt", Dossiers.itemMetadata("投保单", "APPLICATION"));
        String batch = propose(dossier);
        approveTwice(batch);
        JsonAssert.problem(clerk.upload(dossier, ("迟到的批单 " + dossier).getBytes(StandardCharsets.UTF_8), "批单.txt",
                Dossiers.itemMetadata("批单", "OTHER")), 409);

        ApiClient.Reply executed = manager.post("/api/dispositions/" + batch + "/execute", "");
        assertEquals(200, executed.status(), executed::toString);
        assertEquals("DESTROYED", executed.json().get("dossiers").get(0).get("outcome").asText());
        assertEquals(1, executed.json().get("dossiers").get(0).get("itemCount").asInt());
    }

    @Test
    void anItemFiledBetweenTheSignaturesIsRefusedAndTheSecondSignatureStands() {
        String dossier = duePolicy();
        String batch = propose(dossier);
        JsonAssert.problem(clerk.upload(dossier, ("补充材料 " + dossier).getBytes(StandardCharsets.UTF_8), "补充.txt",
                Dossiers.itemMetadata("补充材料", "OTHER")), 409);
        assertEquals(200, manager.post("/api/dispositions/" + batch + "/approve", "").status());
        JsonAssert.problem(clerk.upload(dossier, ("补充材料二 " + dossier).getBytes(StandardCharsets.UTF_8), "补充二.txt",
                Dossiers.itemMetadata("补充材料", "OTHER")), 409);
        assertEquals("APPROVED", auditor.post("/api/dispositions/" + batch + "/approve", "").json().get("status").asText());
        assertEquals(0, manager.get("/api/dispositions/" + batch).json().get("dossiers").get(0).get("itemCount").asInt());
        assertEquals(200, manager.post("/api/dispositions/" + batch + "/execute", "").status());
    }

    // --- helpers ---

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    // ---- Variants of finding 8 and of dates that start clocks: a duplicate names no restricted item; no document date in the future

    @Test
    void aDuplicateOfARestrictedItemIsRefusedWithoutNamingIt() {
        ApiClient internalClerk = Users.create("ldup", "INTERNAL", ARCHIVE, "CLERK");
        String dossier = claim("INTERNAL");
        String secretTitle = "密件" + System.nanoTime();
        String bytes = "同一份文件 " + dossier;
        String secret = upload(clerk, dossier, bytes, "a.txt",
                Map.of("title", secretTitle, "documentType", "OTHER", "securityLevel", "SECRET")).get("id").asText();
        ApiClient.Reply again = internalClerk.upload(dossier, bytes.getBytes(StandardCharsets.UTF_8), "b.txt",
                Map.of("title", "再次上传", "documentType", "OTHER"));
        JsonAssert.problem(again, 409);
        assertFalse(again.text().contains(secretTitle) || again.text().contains(secret), again::toString);
        ApiClient.Reply seen = clerk.upload(dossier, bytes.getBytes(StandardCharsets.UTF_8), "c.txt",
                Map.of("title", "再次上传", "documentType", "OTHER"));
        JsonAssert.problem(seen, 409);
        assertTrue(seen.text().contains(secretTitle), "one who may see the item is told which it is: " + seen);
    }

    @Test
    void aDocumentDateInTheFutureIsRefused() {
        String dossier = claim("INTERNAL");
        ApiClient.Reply future = clerk.upload(dossier, ("凭证 " + dossier).getBytes(StandardCharsets.UTF_8), "v.txt",
                Map.of("title", "付款凭证", "documentType", "OTHER", "documentDate", today().plusDays(1).toString()));
        JsonAssert.problem(future, 422);
        assertTrue(future.text().contains("documentDate"), future::toString);
        assertEquals(201, clerk.upload(dossier, ("凭证 " + dossier).getBytes(StandardCharsets.UTF_8), "v.txt",
                Map.of("title", "付款凭证", "documentType", "OTHER", "documentDate", today().toString())).status());
    }

    private static String claim(String level) {
        return Dossiers.create(clerk, Dossiers.claim("车险", CLAIMS, level)).get("id").asText();
    }

    private static JsonNode upload(ApiClient who, String dossier, String text, String fileName, Object metadata) {
        ApiClient.Reply reply = who.upload(dossier, text.getBytes(StandardCharsets.UTF_8), fileName, metadata);
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    private static ApiClient.Reply event(ApiClient who, String dossier, String event, LocalDate date, String reason) {
        ObjectNode body = ApiClient.object().put("event", event).put("date", date.toString());
        if (reason != null) {
            body.put("reason", reason);
        }
        return who.post("/api/dossiers/" + dossier + "/events", body);
    }

    private static List<String> dates(String dossier, String event) {
        List<String> dates = new ArrayList<>();
        for (JsonNode recorded : clerk.get("/api/dossiers/" + dossier).json().get("events")) {
            if (recorded.get("event").asText().equals(event)) {
                dates.add(recorded.get("date").asText());
            }
        }
        return dates;
    }

    private static JsonNode retention(String dossier) {
        return clerk.get("/api/dossiers/" + dossier).json().get("retention");
    }

    private static JsonNode audited(ApiClient actor, String action, String target) {
        return AuditQueries.audited(auditor, actor, action, target);
    }

    private static void assertDenied(ApiClient actor, String target, String operation) {
        AuditQueries.assertDenied(auditor, actor, target, operation);
    }

    /** A one-year policy terminated at the end of 2010: due since 2015-12-31. */
    private static String duePolicy() {
        ObjectNode body = Dossiers.underwriting("家财险", ARCHIVE).put("policyStart", "2010-01-01").put("policyEnd", "2010-12-31");
        String id = Dossiers.create(clerk, body).get("id").asText();
        assertEquals(201, event(clerk, id, "POLICY_TERMINATED", LocalDate.parse("2010-12-31"), null).status());
        return id;
    }

    /** Seals each dossier and proposes them: only archived dossiers are disposed of. */
    private static String propose(String... ids) {
        for (String id : ids) {
            Dossiers.seal(manager, id);
        }
        ApiClient.Reply reply = manager.post("/api/dispositions", Map.of("dossierIds", List.of(ids), "action", "DESTROY",
                "appraisal", "经鉴定，上述保单档案已超过保管期限，无继续保存价值，同意销毁。"));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().get("id").asText();
    }

    private static void approveTwice(String batch) {
        ApiClient.Reply first = manager.post("/api/dispositions/" + batch + "/approve", "");
        assertEquals(200, first.status(), first::toString);
        ApiClient.Reply second = auditor.post("/api/dispositions/" + batch + "/approve", "");
        assertEquals(200, second.status(), second::toString);
        assertEquals("APPROVED", second.json().get("status").asText());
    }

    /** The HTML with numeric character references resolved, so a search finds text however it was written. */
    private static String text(String html) {
        Matcher entity = ENTITY.matcher(html);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            int code = Integer.parseInt(entity.group(2), entity.group(1).isEmpty() ? 10 : 16);
            entity.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(code))));
        }
        entity.appendTail(out);
        return out.toString().replace("&amp;", "&");
    }

    private static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every cell of every sheet of a workbook, one a line. */
    private static String workbookText(byte[] xlsx) {
        StringBuilder text = new StringBuilder();
        DataFormatter formatter = new DataFormatter();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        text.append(formatter.formatCellValue(cell)).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
