package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 借阅: the approval chain by security level, the attacks a curious insider tries, and watermarked copies. */
class LoanIT extends ServerTestBase {

    private static ApiClient clerk;
    private static ApiClient borrower;
    private static ApiClient head;
    private static ApiClient otherHead;
    private static ApiClient manager;
    private static String dossier;
    private static String pdfItem;
    private static byte[] pdfBytes;

    @BeforeAll
    static void aConfidentialClaim() {
        clerk = Users.create("clerk", "SECRET", "档案室", "CLERK");
        borrower = Users.create("adjuster", "INTERNAL", "理赔部", "ADJUSTER");
        head = Users.create("head", "SECRET", "理赔部", "DEPARTMENT_HEAD");
        otherHead = Users.create("head", "SECRET", "承保部", "DEPARTMENT_HEAD");
        manager = Users.create("manager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        dossier = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "CONFIDENTIAL")).get("id").asText();
        pdfBytes = ChineseDocuments.pdfPages(3, "交通事故理赔诉讼判决书");
        pdfItem = clerk.upload(dossier, pdfBytes, "判决书.pdf", Dossiers.itemMetadata("判决书", "LAWSUIT_PAPERS")).json().get("id").asText();
        Await.until(() -> clerk.get("/api/items/" + pdfItem).json(), i -> i.get("extraction").asText().equals("DONE"));
    }

    private static JsonNode request(String kind, int days) {
        ApiClient.Reply reply = borrower.post("/api/loans", Map.of("dossierId", dossier, "purpose", "类似案件诉讼参考", "kind", kind, "days", days));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    private static ApiClient.Reply decide(ApiClient who, String loan, String verb, String comment) {
        return who.post("/api/loans/" + loan + "/" + verb, comment == null ? Map.of() : Map.of("comment", comment));
    }

    @Test
    void aConfidentialCopyNeedsTheDepartmentHeadThenTheArchiveManagerAndYieldsOnlyAWatermarkedCopy() throws Exception {
        assertEquals(403, borrower.get("/api/items/" + pdfItem + "/content").status());
        JsonNode loan = request("COPY", 7);
        String id = loan.get("id").asText();
        assertEquals("REQUESTED", loan.get("status").asText());
        assertEquals(List.of("DEPARTMENT_HEAD", "ARCHIVE_MANAGER"),
                List.of(loan.get("approvalsNeeded").get(0).asText(), loan.get("approvalsNeeded").get(1).asText()));
        assertTrue(loan.get("number").asText().matches("JY-\\d{4}-\\d{6}"), loan::toString);

        JsonAssert.problem(decide(borrower, id, "approve", "我自己批准"), 403);
        JsonAssert.problem(decide(manager, id, "approve", "越级审批"), 403);
        JsonAssert.problem(decide(otherHead, id, "approve", "别的部门"), 403);
        JsonAssert.problem(decide(head, id, "approve", null), 422);
        JsonNode first = decide(head, id, "approve", "同意，仅限本案参考").json();
        assertEquals("REQUESTED", first.get("status").asText());
        assertEquals("ARCHIVE_MANAGER", first.get("nextApprover").asText());
        JsonAssert.problem(decide(head, id, "approve", "再批一次"), 403);
        assertEquals(403, borrower.get("/api/items/" + pdfItem + "/content").status(), "not before the last approval");
        JsonNode active = decide(manager, id, "approve", "同意复制，七日内使用").json();
        assertEquals("ACTIVE", active.get("status").asText());
        assertFalse(active.get("dueAt").asText().isBlank());
        JsonAssert.problem(decide(manager, id, "approve", "重复"), 409);

        assertEquals(200, borrower.get("/api/dossiers/" + dossier).status());
        assertTrue(borrower.get("/api/items/" + pdfItem + "/text").text().contains("交通事故理赔诉讼判决书"));
        ApiClient.Reply copy = borrower.get("/api/items/" + pdfItem + "/content");
        assertEquals(200, copy.status(), copy::toString);
        assertEquals("application/pdf", copy.contentType());
        assertTrue(copy.header("Content-Disposition").startsWith("attachment"));
        try (PDDocument document = Loader.loadPDF(copy.body())) {
            assertEquals(3, document.getNumberOfPages());
            for (int page = 1; page <= 3; page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(document);
                assertTrue(text.contains("仅供借阅使用"), "page " + page + ": " + text);
                assertTrue(text.contains(active.get("number").asText()), text);
                assertTrue(text.contains(borrower.username()), text);
                assertTrue(text.contains("交通事故理赔诉讼判决书 第" + page + "页"), "the original text stays: " + text);
            }
        }
        ApiClient.Reply original = clerk.get("/api/items/" + pdfItem + "/content");
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdfBytes)),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original.body())), "the stored original is unchanged");

        JsonNode hits = Await.until(() -> borrower.get(ApiClient.query("/api/search", Map.of("q", "诉讼判决书"))).json(),
                found -> found.toString().contains(pdfItem), Duration.ofSeconds(30));
        assertTrue(hits.toString().contains(pdfItem) && hits.toString().contains("<em>"), hits::toString);

        assertEquals("RETURNED", borrower.post("/api/loans/" + id + "/return", "").json().get("status").asText());
        assertEquals(403, borrower.get("/api/items/" + pdfItem + "/content").status(), "a returned loan grants nothing");
        JsonAssert.problem(borrower.post("/api/loans/" + id + "/return", ""), 409);
    }

    @Test
    void theLoanSlipAndTheRegisterRecordTheLoan() throws Exception {
        String id = request("ORIGINAL", 5).get("id").asText();
        decide(head, id, "approve", "同意调阅原件");
        JsonNode loan = decide(manager, id, "approve", "请按期归还").json();
        ApiClient.Reply slip = borrower.get("/api/loans/" + id + "/slip");
        assertEquals(200, slip.status(), slip::toString);
        assertEquals("application/pdf", slip.contentType());
        try (PDDocument document = Loader.loadPDF(slip.body())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains(loan.get("number").asText()), text);
            assertTrue(text.contains("调阅纸质原件") && text.contains("请按期归还"), text);
            java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 60);
            javax.imageio.ImageIO.write(page, "png", new java.io.File("target/loan-slip.png"));
        }
        assertEquals(403, Users.create("adjuster", "SECRET", "承保部", "ADJUSTER").get("/api/loans/" + id + "/slip").status());

        ApiClient auditor = Users.create("auditor", "SECRET", "稽核部", "AUDITOR");
        String register = auditor.get(ApiClient.query("/api/reports/loan-register", Map.of("format", "csv", "actor", borrower.username()))).text();
        assertTrue(register.contains("借阅登记簿"), register);
        assertTrue(register.contains(loan.get("number").asText() + ",测试用户 " + borrower.username()),
                "the register names the borrower by name: " + register);
        assertTrue(register.contains("调阅原件") && register.contains("同意：请按期归还"), register);
    }

    @Test
    void rejectedExpiredAndOverlongLoansGrantNothing() {
        JsonAssert.problem(borrower.post("/api/loans", Map.of("dossierId", dossier, "purpose", "参考", "kind", "VIEW", "days", 30)), 422);
        JsonAssert.problem(borrower.post("/api/loans", Map.of("dossierId", dossier, "kind", "VIEW", "days", 3)), 422);
        JsonAssert.problem(borrower.post("/api/loans", Map.of("dossierId", "3f1c2b9e-0000-4000-8000-000000000000",
                "purpose", "猜测编号", "kind", "VIEW", "days", 3)), 404);

        String rejected = request("VIEW", 3).get("id").asText();
        JsonAssert.problem(decide(head, rejected, "reject", ""), 422);
        assertEquals("REJECTED", decide(head, rejected, "reject", "理由不充分").json().get("status").asText());
        JsonAssert.problem(decide(manager, rejected, "approve", "已驳回"), 409);
        assertEquals(403, borrower.get("/api/items/" + pdfItem + "/text").status());

        String expiring = request("VIEW", 3).get("id").asText();
        decide(head, expiring, "approve", "同意");
        decide(manager, expiring, "approve", "同意");
        assertEquals(200, borrower.get("/api/items/" + pdfItem + "/text").status());
        Database.query("update loan set due_at = now() - interval '1 minute' where id = ?::uuid returning id", expiring);
        assertEquals(403, borrower.get("/api/items/" + pdfItem + "/text").status(), "a loan past its due time grants nothing");

        JsonNode mine = borrower.get("/api/loans?mine=true&size=50").json();
        assertTrue(mine.get("total").asInt() >= 2);
        JsonNode rejectedOnly = borrower.get("/api/loans?mine=true&status=REJECTED").json();
        rejectedOnly.get("loans").forEach(loan -> assertEquals("REJECTED", loan.get("status").asText()));
        JsonAssert.problem(borrower.get("/api/loans?status=LOST"), 400);
    }

    @Test
    void theBorrowerCancelsARequestBeforeItIsFullyApprovedAndNobodyElseCan() {
        String loan = request("COPY", 5).get("id").asText();
        assertEquals(200, decide(head, loan, "approve", "同意").status(), "one of the two approvals given");
        JsonAssert.problem(head.post("/api/loans/" + loan + "/cancel", ""), 403);
        JsonAssert.problem(manager.post("/api/loans/" + loan + "/cancel", ""), 403);
        ApiClient.Reply cancelled = borrower.post("/api/loans/" + loan + "/cancel", "");
        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals("CANCELLED", cancelled.json().get("status").asText());
        JsonAssert.problem(decide(manager, loan, "approve", "同意"), 409);
        JsonAssert.problem(borrower.post("/api/loans/" + loan + "/cancel", ""), 409);
        assertEquals(403, borrower.get("/api/items/" + pdfItem + "/content").status(), "a cancelled request grants nothing");
        JsonNode listed = borrower.get("/api/loans?mine=true&status=CANCELLED").json();
        assertTrue(listed.toString().contains(loan), listed::toString);
        assertEquals(1, Database.query("select seq from audit_event where action = 'LOAN_CANCELLED' and target = ?", "loan:" + loan).size());
        assertEquals(1, Database.query("select seq from audit_event where action = 'ACCESS_DENIED' and target = ? and actor = ?",
                "loan:" + loan, head.username()).size(), "the refusal is audited");

        String active = request("VIEW", 3).get("id").asText();
        decide(head, active, "approve", "同意");
        decide(manager, active, "approve", "同意");
        JsonAssert.problem(borrower.post("/api/loans/" + active + "/cancel", ""), 409);
    }

    @Test
    void anOfficeDocumentIsViewedUnderALoanAsAStampedPdfOfItsText() throws Exception {
        String minutes = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "CONFIDENTIAL")).get("id").asText();
        String docx = clerk.upload(minutes, ChineseDocuments.docx("理赔审核会议纪要", "三方车辆定损金额经复核确认为人民币叁万元整。"),
                "会议纪要.docx", Dossiers.itemMetadata("会议纪要", "OTHER")).json().get("id").asText();
        Await.until(() -> clerk.get("/api/items/" + docx).json(), i -> i.get("extraction").asText().equals("DONE"));
        assertEquals(403, borrower.get("/api/items/" + docx + "/content").status());
        JsonNode requested = borrower.post("/api/loans", Map.of("dossierId", minutes, "purpose", "核对定损金额", "kind", "VIEW", "days", 3)).json();
        String id = requested.get("id").asText();
        decide(head, id, "approve", "同意");
        JsonNode loan = decide(manager, id, "approve", "同意，限在线查阅").json();
        assertEquals("ACTIVE", loan.get("status").asText(), loan::toString);

        ApiClient.Reply copy = borrower.get("/api/items/" + docx + "/content");
        assertEquals(200, copy.status(), copy::toString);
        assertEquals("application/pdf", copy.contentType());
        assertTrue(copy.header("Content-Disposition").startsWith("inline"), "a VIEW loan shows it, it does not hand it over");
        try (PDDocument document = Loader.loadPDF(copy.body())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("文字转写件：会议纪要.docx"), text);
            assertTrue(text.contains("三方车辆定损金额经复核确认为人民币叁万元整"), "the document's own words: " + text);
            assertTrue(text.contains("仅供借阅使用") && text.contains(loan.get("number").asText()) && text.contains(borrower.username()),
                    "stamped like every copy: " + text);
        }
        assertEquals(1L, Database.query("select count(*) as n from audit_event where action = 'CONTENT_READ' and target = ? "
                + "and details::jsonb ->> 'loan' = ?", "item:" + docx, loan.get("number").asText()).get(0).get("n"));
    }
}
