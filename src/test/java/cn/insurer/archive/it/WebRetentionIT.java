package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The retention page in a real browser: an archive manager ticks due dossiers and proposes a
 * disposition batch with an appraisal, through the same rules as {@code POST /api/dispositions};
 * held dossiers cannot be ticked, and refusals are told in Chinese.
 */
class WebRetentionIT extends ServerTestBase {

    private static final String DEPARTMENT = "档案室";

    /** Sealed and due since 2006-12-31, ahead of the other tests' due dossiers in the list's date order. */
    private static String longDuePolicy(ApiClient clerk, ApiClient manager) {
        ObjectNode body = Dossiers.underwriting("家财险", DEPARTMENT).put("policyStart", "2001-01-01").put("policyEnd", "2001-12-31");
        String id = Dossiers.create(clerk, body).get("id").asText();
        ApiClient.Reply event = clerk.post("/api/dossiers/" + id + "/events", Map.of("event", "POLICY_TERMINATED", "date", "2001-12-31"));
        assertEquals(201, event.status(), event::toString);
        Dossiers.seal(manager, id);
        return id;
    }

    /** The one batch this manager proposed, as the API lists it. */
    private static JsonNode proposedBy(Users.Account manager) {
        JsonNode dispositions = manager.api().get("/api/dispositions").json();
        List<JsonNode> mine = new ArrayList<>();
        dispositions.get("dispositions").forEach(batch -> {
            if (batch.get("proposedBy").asText().equals(manager.username())) {
                mine.add(batch);
            }
        });
        assertEquals(1, mine.size(), dispositions::toString);
        return mine.get(0);
    }

    private static By choice(String dossierId) {
        return By.cssSelector("input.desk-choose[data-dossier='" + dossierId + "']");
    }

    @Test
    void anArchiveManagerProposesABatchFromTheDueList() {
        String appraisal = "经鉴定（" + Users.unique("JD") + "），上述保单档案已超过《保险法》第八十七条规定的保管期限，无继续保存价值，同意销毁。";
        ApiClient clerk = Users.create("wrclerk", "CONFIDENTIAL", DEPARTMENT, "CLERK");
        Users.Account manager = Users.account("wrmanager", "SECRET", DEPARTMENT, "ARCHIVE_MANAGER");
        String first = longDuePolicy(clerk, manager.api());
        String second = longDuePolicy(clerk, manager.api());
        String held = longDuePolicy(clerk, manager.api());
        String caseReference = Users.unique("（2026）沪0115民初");
        ApiClient.Reply hold = manager.api().post("/api/holds", Map.of("reason", "诉讼证据保全", "caseReference", caseReference,
                "dossierIds", List.of(held)));
        assertEquals(201, hold.status(), hold::toString);

        try (Browser browser = Browser.open()) {
            browser.signIn(manager);
            browser.go("/ui/retention.xhtml");
            browser.awaitText("提出处置批次");
            browser.find(choice(first));
            browser.find(choice(second));
            assertTrue(browser.all(choice(held)).isEmpty(), "a held dossier cannot be chosen");
            WebElement due = browser.find(By.xpath("//input[@data-dossier='" + first + "']/ancestor::tr[1]"));
            assertEquals("REVIEW", due.findElement(By.cssSelector(".desk-due-action")).getAttribute("data-action"));
            assertEquals("到期鉴定", due.findElement(By.cssSelector(".desk-due-action")).getText());
            assertTrue(due.findElement(By.cssSelector(".desk-archival-code")).getText().matches("F01-UW·2001-D05-AR-\\d{4}"),
                    "only sealed dossiers are due, each shown by its archival code");

            String rule = due.findElement(By.cssSelector(".desk-rule")).getText();
            assertFalse(rule.isBlank() || rule.matches(".*[A-Z]{2,}-.*"), "the rule is named in words, not by its id: " + rule);
            assertTrue(due.findElement(By.cssSelector("a.desk-due-dossier")).getAttribute("href").contains("id=" + first));
            browser.click(By.id("retention:tabs:due:choose-all"));
            browser.await(d -> d.findElement(choice(first)).isSelected() && d.findElement(choice(second)).isSelected());
            browser.click(By.id("retention:tabs:due:choose-all"));
            browser.await(d -> !d.findElement(choice(first)).isSelected() && !d.findElement(choice(second)).isSelected());

            browser.click(By.id("retention:tabs:propose"));
            String refused = browser.awaitText("鉴定意见：必填");
            assertTrue(refused.contains("请勾选案卷"), refused);

            browser.click(choice(first));
            browser.click(choice(second));
            assertEquals("DESTROY", new Select(browser.find(By.id("retention:tabs:proposal-action")))
                    .getFirstSelectedOption().getAttribute("value"));
            browser.type(By.id("retention:tabs:appraisal"), appraisal);
            browser.screenshot("20-disposition-proposal");
            browser.click(By.id("retention:tabs:propose"));
            browser.awaitText("已提出处置批次（销毁），共 2 卷");
            assertTrue(browser.find(choice(first)).getAttribute("checked") == null, "the choice is cleared after proposing");

            // The same dossier cannot sit in two open batches; the page says which batch holds it.
            String batchId = proposedBy(manager).get("id").asText();
            String reference = proposedBy(manager).get("number").asText();
            assertTrue(reference.matches("CZ-\\d{4}-\\d{6}"), reference);
            browser.click(choice(first));
            browser.type(By.id("retention:tabs:appraisal"), appraisal);
            browser.click(By.id("retention:tabs:propose"));
            String twice = browser.awaitText("已在尚未执行的处置批次");
            assertTrue(twice.contains("处置批次 " + reference + " 中"), twice);
            assertFalse(twice.contains(batchId), "people read the batch number, not the id: " + twice);

            browser.click(By.linkText("处置批次"));
            String batches = browser.awaitText("待档案管理员审批");
            assertTrue(batches.contains(appraisal), batches);
            WebElement shown = browser.find(By.cssSelector(".desk-batch-reference[data-batch='" + batchId + "']"));
            assertEquals(reference, shown.getText(), "the batch list shows the number the message named");
            String listed = shown.findElement(By.xpath("ancestor::tr[1]")).findElement(By.cssSelector(".desk-batch-dossiers")).getText();
            for (String dossier : List.of(first, second)) {
                String key = clerk.get("/api/dossiers/" + dossier).json().get("businessKey").asText();
                assertTrue(listed.contains(key), "the batch lists its dossiers: " + key + " in " + listed);
            }
            assertFalse(batches.contains(batchId), "no internal id on the page");
            browser.screenshot("21-disposition-proposed");
        }

        JsonNode batch = proposedBy(manager);
        assertEquals("PROPOSED", batch.get("status").asText());
        assertEquals("DESTROY", batch.get("action").asText());
        assertEquals(appraisal, batch.get("appraisal").asText());
        java.util.Set<String> ids = new java.util.HashSet<>();
        batch.get("dossiers").forEach(entry -> ids.add(entry.get("dossierId").asText()));
        assertEquals(java.util.Set.of(first, second), ids);

        Users.Account auditor = Users.account("wrauditor", "SECRET", "稽核部", "AUDITOR");
        JsonNode proposed = auditor.api().get(ApiClient.query("/api/audit",
                Map.of("action", "DISPOSITION_PROPOSED", "actor", manager.username()))).json();
        assertEquals(1, proposed.get("total").asInt(), proposed::toString);
    }

    @Test
    void anArchiveManagerKeepsADueDossierLongerFromTheDueList() {
        ApiClient clerk = Users.create("wxclerk", "CONFIDENTIAL", DEPARTMENT, "CLERK");
        Users.Account manager = Users.account("wxmanager", "SECRET", DEPARTMENT, "ARCHIVE_MANAGER");
        String kept = longDuePolicy(clerk, manager.api());
        String appraisal = "经鉴定（" + Users.unique("YC") + "），该卷涉及再审申请，仍有查考价值，延长保管至复审。";
        try (Browser browser = Browser.open()) {
            browser.signIn(manager);
            browser.go("/ui/retention.xhtml");
            browser.awaitText("复审日期");
            browser.click(choice(kept));
            browser.type(By.id("retention:tabs:appraisal"), appraisal);
            // A date field's typing order follows the browser's locale; the value itself is what a picker sets.
            browser.driver().executeScript("document.getElementById('retention:tabs:review-date').value = arguments[0];", "2031-12-31");
            browser.screenshot("22-retention-extension");
            browser.click(By.id("retention:tabs:extend"));
            browser.awaitText("已延长保管 1 卷，复审日期 2031-12-31");
            browser.await(d -> d.findElements(choice(kept)).isEmpty());
        }
        JsonNode retention = manager.api().get("/api/dossiers/" + kept).json().get("retention");
        assertEquals("2031-12-31", retention.get("dispositionDate").asText(), retention::toString);
        Users.Account auditor = Users.account("wxauditor", "SECRET", "稽核部", "AUDITOR");
        JsonNode events = auditor.api().get(ApiClient.query("/api/audit",
                Map.of("action", "RETENTION_EXTENDED", "actor", manager.username()))).json();
        assertEquals(1, events.get("total").asInt(), events::toString);
        assertEquals(appraisal, events.get("events").get(0).get("details").get("appraisal").asText());
    }

    @Test
    void aDossierPageShowsItsEventsClaimFiguresAndWhereItStandsInRetention() {
        Users.Account clerk = Users.account("wpclerk", "CONFIDENTIAL", DEPARTMENT, "CLERK");
        JsonNode created = Dossiers.create(clerk.api(), Dossiers.claim("车险", DEPARTMENT, "INTERNAL").put("lossDate", "2010-05-01"));
        String claim = created.get("id").asText();
        JsonNode policy = Dossiers.create(clerk.api(), Dossiers.underwriting("车险", DEPARTMENT)
                .put("policyNumber", created.get("policyNumber").asText()));
        for (Map<String, String> event : List.of(Map.of("event", "POLICY_TERMINATED", "date", "2010-12-31"),
                Map.of("event", "CLAIM_CLOSED", "date", "2011-06-30"), Map.of("event", "DISPUTE_OPENED", "date", "2024-03-01"))) {
            ApiClient.Reply recorded = clerk.api().post("/api/dossiers/" + claim + "/events", event);
            assertEquals(201, recorded.status(), recorded::toString);
        }
        try (Browser browser = Browser.open()) {
            browser.signIn(clerk);
            browser.go("/ui/dossier.xhtml?id=" + claim);
            browser.awaitText("保管期限");
            assertEquals("2010-05-01", browser.text(By.id("dossier:loss-date")));
            assertEquals("¥12800.00", browser.text(By.id("dossier:claim-amount")));
            assertEquals("发生争议、投诉或诉讼的保单及理赔案卷", browser.text(By.id("dossier:retention-rule")));
            assertEquals("待起算事件", browser.text(By.id("dossier:retention-state")));
            assertEquals("争议结束（尚未发生）", browser.text(By.id("dossier:retention-trigger")));
            assertEquals("—", browser.text(By.id("dossier:retention-date")));
            List<String> events = browser.all(By.cssSelector(".desk-events tbody tr")).stream().map(WebElement::getText).toList();
            assertEquals(3, events.size(), events::toString);
            assertTrue(events.get(2).contains("争议开始") && events.get(2).contains("2024-03-01"), events::toString);
            assertFalse(browser.pageText().contains("DISPUTE") || browser.pageText().contains("PENDING_TRIGGER"),
                    "words, not codes: " + browser.pageText());
            WebElement link = browser.find(By.cssSelector("a.desk-related-dossier"));
            assertTrue(link.getText().contains(policy.get("businessKey").asText()), link.getText());
            assertTrue(link.getAttribute("href").contains("id=" + policy.get("id").asText()), link.getAttribute("href"));
            browser.screenshot("23-dossier-retention");
        }
    }
}
