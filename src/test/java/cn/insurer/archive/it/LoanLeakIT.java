package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loan leaks an outside test found: a loan opening more than its approvers approved, loans and
 * slips read across departments, refusals of the loan desk leaving no trace.
 */
class LoanLeakIT extends ServerTestBase {

    private static final String OWNER = "理赔部";
    private static final Random RANDOM = new Random();

    private static ApiClient clerk;
    private static ApiClient borrower;
    private static ApiClient head;
    private static ApiClient borrowerHead;
    private static ApiClient thirdHead;
    private static ApiClient ownerAdjuster;
    private static ApiClient manager;
    private static ApiClient auditor;

    @BeforeAll
    static void people() {
        clerk = Users.create("clerk", "SECRET", "档案室", "CLERK");
        borrower = Users.create("underwriter", "INTERNAL", "承保部", "UNDERWRITER");
        head = Users.create("head", "SECRET", OWNER, "DEPARTMENT_HEAD");
        borrowerHead = Users.create("head", "SECRET", "承保部", "DEPARTMENT_HEAD");
        thirdHead = Users.create("head", "SECRET", "财务部", "DEPARTMENT_HEAD");
        ownerAdjuster = Users.create("adjuster", "SECRET", OWNER, "ADJUSTER");
        manager = Users.create("manager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        auditor = Users.create("auditor", "SECRET", "稽核部", "AUDITOR");
    }

    // ---- Finding 3: a loan covers what its approvers approved, nothing filed later, nothing above its level

    @Test
    void aWholeDossierLoanDoesNotCoverItemsFiledAfterItsApproval() throws Exception {
        String dossier = dossier("INTERNAL");
        String early = marker("初始");
        String before = upload(dossier, early + " 查勘报告", "INTERNAL");
        JsonNode loan = request(dossier, null, "VIEW", 5);
        assertEquals(List.of("DEPARTMENT_HEAD"), roles(loan.get("approvalsNeeded")), loan::toString);
        assertEquals("ACTIVE", decide(head, loan, "approve", "同意查阅").json().get("status").asText());
        assertEquals(200, borrower.get("/api/items/" + before + "/content").status(), "what was there is lent");

        String secretMarker = marker("机密");
        String secret = upload(dossier, secretMarker + " 伤残鉴定", "SECRET");
        String sameMarker = marker("补充");
        String sameLevel = upload(dossier, sameMarker + " 补充材料", "INTERNAL");
        awaitIndexed(secretMarker, secret);
        awaitIndexed(sameMarker, sameLevel);

        for (String[] later : List.of(new String[] {secret, secretMarker}, new String[] {sameLevel, sameMarker})) {
            String item = later[0];
            closed(borrower, item, later[1]);
            JsonNode hits = search(borrower, later[1]);
            assertFalse(hits.toString().contains(item) || hits.toString().contains(digits(later[1])), hits::toString);
        }
        assertEquals(200, borrower.get("/api/dossiers/" + dossier).status(), "the dossier's own entry stays lent");
        assertEquals(200, borrower.get("/api/items/" + before + "/text").status());
        assertTrue(search(borrower, early).toString().contains(before), "the lent item is still found");
    }

    @Test
    void aRequestIsApprovedForTheHighestLevelItCoversAndCoversNothingFiledWhileItWaits() throws Exception {
        String dossier = dossier("INTERNAL");
        String plain = upload(dossier, marker("普通") + " 报案记录", "INTERNAL");
        String confidential = upload(dossier, marker("秘密") + " 医疗费用清单", "CONFIDENTIAL");
        JsonNode loan = request(dossier, null, "VIEW", 5);
        assertEquals(List.of("DEPARTMENT_HEAD", "ARCHIVE_MANAGER"), roles(loan.get("approvalsNeeded")), loan::toString);
        assertEquals("CONFIDENTIAL", loan.get("securityLevel").asText());
        assertEquals(new TreeSet<>(Set.of(plain, confidential)), ids(loan.get("coveredItemIds")), loan::toString);

        assertEquals("REQUESTED", decide(head, loan, "approve", "部门同意").json().get("status").asText());
        assertEquals(403, borrower.get("/api/items/" + confidential + "/content").status(), "not before the manager approves");
        String waitingMarker = marker("审批中");
        String filedWhileWaiting = upload(dossier, waitingMarker + " 审批期间归入", "INTERNAL");
        assertEquals("ACTIVE", decide(manager, loan, "approve", "同意").json().get("status").asText());

        ApiClient.Reply copy = borrower.get("/api/items/" + confidential + "/content");
        assertEquals(200, copy.status(), copy::toString);
        assertEquals("no-store", copy.header("Cache-Control"));
        assertEquals("nosniff", copy.header("X-Content-Type-Options"));
        assertEquals(loan.get("number").asText(), copy.header("X-Archive-Loan"));
        try (PDDocument document = Loader.loadPDF(copy.body())) {
            assertTrue(new PDFTextStripper().getText(document).contains("仅供借阅使用"));
        }
        closed(borrower, filedWhileWaiting, waitingMarker);
        String laterConfidential = upload(dossier, marker("后补") + " 复查记录", "CONFIDENTIAL");
        closed(borrower, laterConfidential, null);
    }

    @Test
    void anItemLoanCoversTheNamedItemOnly() throws Exception {
        String dossier = dossier("INTERNAL");
        String namedMarker = marker("指定");
        String named = upload(dossier, namedMarker + " 指定文件", "INTERNAL");
        String otherMarker = marker("其他");
        String other = upload(dossier, otherMarker + " 未借文件", "INTERNAL");
        awaitIndexed(otherMarker, other);
        JsonNode loan = request(dossier, List.of(named), "VIEW", 5);
        assertEquals(new TreeSet<>(Set.of(named)), ids(loan.get("coveredItemIds")), loan::toString);
        assertEquals("ACTIVE", decide(head, loan, "approve", "同意").json().get("status").asText());

        assertEquals(200, borrower.get("/api/items/" + named + "/text").status());
        assertEquals(200, borrower.get("/api/items/" + named + "/content").status());
        closed(borrower, other, otherMarker);
        JsonNode hits = search(borrower, otherMarker);
        assertFalse(hits.toString().contains(other) || hits.toString().contains(digits(otherMarker)), hits::toString);
        assertTrue(search(borrower, namedMarker).toString().contains(named));
    }

    // ---- Finding 12: who sees a loan and its slip

    @Test
    void aLoanIsSeenByItsBorrowerTheOwningDepartmentsHeadsAndTheArchiveDeskOnly() {
        String dossier = dossier("INTERNAL");
        String purpose = "承保复核 " + marker("用途");
        ApiClient.Reply requested = borrower.post("/api/loans", Map.of("dossierId", dossier, "purpose", purpose, "kind", "VIEW", "days", 5));
        assertEquals(201, requested.status(), requested::toString);
        JsonNode loan = requested.json();
        String id = loan.get("id").asText();
        String target = "loan:" + id;

        for (ApiClient outsider : List.of(borrowerHead, thirdHead, ownerAdjuster)) {
            for (String[] read : List.of(new String[] {"/api/loans/" + id, "loan.read"}, new String[] {"/api/loans/" + id + "/slip", "loan.slip"})) {
                long before = refusals(outsider, target, "ACCESS_DENIED", read[1]);
                ApiClient.Reply reply = outsider.get(read[0]);
                assertEquals(403, reply.status(), () -> outsider.username() + " " + read[0] + ": " + reply.status() + " " + reply.contentType());
                assertFalse(reply.text().contains(purpose) || reply.text().contains("%PDF"), reply::toString);
                assertEquals(before + 1, refusals(outsider, target, "ACCESS_DENIED", read[1]), read[1] + " refusal audited");
            }
            String list = outsider.get("/api/loans?size=200").text();
            assertFalse(list.contains(id) || list.contains(purpose), list);
            long before = refusals(outsider, target, "ACCESS_DENIED", "loan.approve");
            JsonAssert.problem(decide(outsider, loan, "approve", "越权审批"), 403);
            assertEquals(before + 1, refusals(outsider, target, "ACCESS_DENIED", "loan.approve"));
        }

        for (ApiClient insider : List.of(borrower, head, manager, auditor, clerk)) {
            assertEquals(200, insider.get("/api/loans/" + id).status(), insider.username());
            assertEquals(200, insider.get("/api/loans/" + id + "/slip").status(), insider.username());
            assertTrue(insider.get("/api/loans?size=200&status=REQUESTED").text().contains(id), insider.username());
        }
        assertEquals("REQUESTED", loan.get("status").asText());
        assertEquals("ACTIVE", decide(head, loan, "approve", "本部门同意").json().get("status").asText());

        // A department head who borrows sees their own loan, whatever department owns the dossier.
        ApiClient.Reply own = borrowerHead.post("/api/loans", Map.of("dossierId", dossier, "purpose", "本人借阅", "kind", "VIEW", "days", 3));
        assertEquals(201, own.status(), own::toString);
        assertTrue(borrowerHead.get("/api/loans?size=200").text().contains(own.json().get("id").asText()));
        assertEquals(200, borrowerHead.get("/api/loans/" + own.json().get("id").asText()).status());
    }

    // ---- Finding 9 (loans): every refusal is an audit event that survives the refused request

    @Test
    void everyRefusalOfTheLoanDeskIsAudited() {
        String dossier = dossier("CONFIDENTIAL");
        String dossierTarget = "dossier:" + dossier;
        refused(borrower, dossierTarget, "LOAN_REFUSED", "loan.request", 422,
                () -> borrower.post("/api/loans", Map.of("dossierId", dossier, "purpose", "过长", "kind", "VIEW", "days", 30)));
        refused(borrower, dossierTarget, "LOAN_REFUSED", "loan.request", 422,
                () -> borrower.post("/api/loans", Map.of("dossierId", dossier, "kind", "VIEW", "days", 3)));

        JsonNode loan = request(dossier, null, "VIEW", 5);
        String target = "loan:" + loan.get("id").asText();
        refused(borrower, target, "ACCESS_DENIED", "loan.approve", 403, () -> decide(borrower, loan, "approve", "自己批准"));
        refused(manager, target, "ACCESS_DENIED", "loan.approve", 403, () -> decide(manager, loan, "approve", "越级"));
        refused(head, target, "LOAN_REFUSED", "loan.reject", 422, () -> decide(head, loan, "reject", " "));
        refused(head, target, "LOAN_REFUSED", "loan.approve", 422, () -> decide(head, loan, "approve", null));
        assertEquals("REQUESTED", decide(head, loan, "approve", "同意").json().get("status").asText());
        refused(head, target, "ACCESS_DENIED", "loan.approve", 403, () -> decide(head, loan, "approve", "再批一次"));
        String giveBack = "/api/loans/" + loan.get("id").asText() + "/return";
        refused(borrower, target, "LOAN_REFUSED", "loan.return", 409, () -> borrower.post(giveBack, ""));
        assertEquals("ACTIVE", decide(manager, loan, "approve", "同意").json().get("status").asText());
        refused(manager, target, "LOAN_REFUSED", "loan.approve", 409, () -> decide(manager, loan, "approve", "重复"));
        refused(head, target, "LOAN_REFUSED", "loan.reject", 409, () -> decide(head, loan, "reject", "事后驳回"));

        refused(ownerAdjuster, target, "ACCESS_DENIED", "loan.return", 403, () -> ownerAdjuster.post(giveBack, ""));
        refused(head, target, "ACCESS_DENIED", "loan.return", 403, () -> head.post(giveBack, ""));
        assertEquals("RETURNED", borrower.post(giveBack, "").json().get("status").asText());
        refused(borrower, target, "LOAN_REFUSED", "loan.return", 409, () -> borrower.post(giveBack, ""));
    }

    // ---- helpers

    // ---- A variant of finding 3: nobody in the chain lets out what they could not read themselves

    @Test
    void anApproverNotClearedForTheLoansLevelCannotApproveIt() {
        ApiClient lowHead = Users.create("head", "INTERNAL", OWNER, "DEPARTMENT_HEAD");
        ApiClient lowManager = Users.create("manager", "INTERNAL", "档案室", "ARCHIVE_MANAGER");
        String dossier = dossier("SECRET");
        upload(dossier, marker("机密") + " 调查报告", "SECRET");
        JsonNode loan = request(dossier, null, "VIEW", 5);
        assertEquals("SECRET", loan.get("securityLevel").asText(), loan::toString);
        String businessKey = clerk.get("/api/dossiers/" + dossier).json().get("businessKey").asText();
        String waiting = slipText(borrower, loan);
        assertTrue(waiting.contains("借阅生效后显示"), "a waiting borrower's slip holds back the dossier's numbers: " + waiting);
        assertTrue(waiting.contains("机密") && !waiting.contains("SECRET"), waiting);
        ApiClient.Reply refused = decide(lowHead, loan, "approve", "同意");
        JsonAssert.problem(refused, 403);
        assertFalse(refused.text().contains("DEPARTMENT_HEAD"), refused::toString);
        assertEquals("REQUESTED", borrower.get("/api/loans/" + loan.get("id").asText()).json().get("status").asText());
        assertEquals(200, decide(head, loan, "approve", "同意").status());
        JsonAssert.problem(decide(lowManager, loan, "approve", "同意"), 403);
        assertEquals("REQUESTED", borrower.get("/api/loans/" + loan.get("id").asText()).json().get("status").asText(),
                "the archive manager's step still waits for one cleared for SECRET");
        JsonNode denied = auditor.get(ApiClient.query("/api/audit", Map.of("actor", lowManager.username(), "action", "ACCESS_DENIED")))
                .json().get("events");
        assertTrue(denied.size() >= 1, denied::toString);
        assertEquals("ACTIVE", decide(manager, loan, "approve", "同意").json().get("status").asText());
        String approved = slipText(borrower, loan);
        assertTrue(approved.contains(businessKey) && !approved.contains("借阅生效后显示"), "once approved the slip names the dossier: " + approved);
    }

    private static String slipText(ApiClient who, JsonNode loan) {
        ApiClient.Reply slip = who.get("/api/loans/" + loan.get("id").asText() + "/slip");
        assertEquals(200, slip.status(), slip::toString);
        try (PDDocument document = Loader.loadPDF(slip.body())) {
            return new PDFTextStripper().getText(document);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String marker(String word) {
        return word + (100000 + RANDOM.nextInt(899999));
    }

    private static String digits(String marker) {
        return marker.replaceAll("\\D", "");
    }

    private static String dossier(String level) {
        return Dossiers.create(clerk, Dossiers.claim("车险", OWNER, level)).get("id").asText();
    }

    /** A one-page PDF at the given level, extracted before it is returned. */
    private static String upload(String dossier, String text, String level) {
        ApiClient.Reply reply = clerk.upload(dossier, ChineseDocuments.pdf(text), "文件-" + digits(text) + ".pdf",
                ApiClient.object().put("title", "文件 " + digits(text)).put("documentType", "OTHER").put("securityLevel", level));
        assertEquals(201, reply.status(), reply::toString);
        String item = reply.json().get("id").asText();
        Await.until(() -> clerk.get("/api/items/" + item).json(), i -> i.get("extraction").asText().equals("DONE"));
        return item;
    }

    private static void awaitIndexed(String marker, String item) {
        Await.until(() -> search(clerk, marker), r -> r.toString().contains(item));
    }

    private static JsonNode search(ApiClient who, String q) {
        return who.get(ApiClient.query("/api/search", Map.of("q", q, "size", "50"))).json();
    }

    private static JsonNode request(String dossier, List<String> items, String kind, int days) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("dossierId", dossier, "purpose", "类似案件参考", "kind", kind, "days", days));
        if (items != null) {
            body.put("itemIds", items);
        }
        ApiClient.Reply reply = borrower.post("/api/loans", body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    private static ApiClient.Reply decide(ApiClient who, JsonNode loan, String verb, String comment) {
        return who.post("/api/loans/" + loan.get("id").asText() + "/" + verb, comment == null ? Map.of() : Map.of("comment", comment));
    }

    /** The item stays closed to the borrower, audited, with nothing of it in the answers. */
    private static void closed(ApiClient who, String item, String marker) {
        String target = "item:" + item;
        for (String[] read : List.of(new String[] {"/content", "item.content"}, new String[] {"/text", "item.text"},
                new String[] {"", "item.read"})) {
            long before = refusals(who, target, "ACCESS_DENIED", read[1]);
            ApiClient.Reply reply = who.get("/api/items/" + item + read[0]);
            assertEquals(403, reply.status(), () -> read[1] + ": " + reply.status() + " " + reply.contentType());
            assertFalse(reply.text().contains("%PDF") || (marker != null && reply.text().contains(digits(marker))), reply::toString);
            assertEquals(before + 1, refusals(who, target, "ACCESS_DENIED", read[1]), read[1] + " refusal audited");
        }
    }

    private static void refused(ApiClient who, String target, String action, String operation, int status,
                                java.util.function.Supplier<ApiClient.Reply> attempt) {
        long before = refusals(who, target, action, operation);
        ApiClient.Reply reply = attempt.get();
        JsonAssert.problem(reply, status);
        assertEquals(before + 1, refusals(who, target, action, operation),
                operation + " by " + who.username() + " refused with " + status + " but not audited as " + action);
    }

    /** Denied events of this actor on this target, by action and operation, as an auditor reads them. */
    private static long refusals(ApiClient who, String target, String action, String operation) {
        ApiClient.Reply reply = auditor.get(ApiClient.query("/api/audit",
                Map.of("actor", who.username(), "target", target, "action", action, "size", "200")));
        assertEquals(200, reply.status(), reply::toString);
        long count = 0;
        for (JsonNode event : reply.json().get("events")) {
            if (event.get("outcome").asText().equals("DENIED") && event.get("details").path("operation").asText().equals(operation)) {
                count++;
            }
        }
        return count;
    }

    private static List<String> roles(JsonNode array) {
        List<String> roles = new ArrayList<>();
        array.forEach(role -> roles.add(role.asText()));
        return roles;
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> ids = new TreeSet<>();
        if (array != null) {
            array.forEach(id -> ids.add(id.asText()));
        }
        return ids;
    }
}
