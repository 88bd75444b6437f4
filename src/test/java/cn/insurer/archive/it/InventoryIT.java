package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** 盘点 of a room no other test uses: box by box, a box label checks off a box, what is out on loan is not missing. */
class InventoryIT extends ServerTestBase {

    private static final String DEPARTMENT = "理赔部";

    @Test
    void anInventoryChecksOffByLabelAndRecordsWhatIsNeitherFoundNorLent() {
        String room = "盘点库房" + Users.unique("r").replaceAll("[^0-9a-f]", "").substring(0, 6);
        ApiClient manager = Users.create("ivmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        ApiClient clerk = Users.create("ivclerk", "INTERNAL", "档案室", "CLERK");
        ApiClient otherClerk = Users.create("ivclerk", "SECRET", "档案室", "CLERK");
        ApiClient borrower = Users.create("ivadjuster", "INTERNAL", DEPARTMENT, "ADJUSTER");
        ApiClient head = Users.create("ivhead", "SECRET", DEPARTMENT, "DEPARTMENT_HEAD");
        String first = sealed(manager, room, "盒1", "INTERNAL");
        String second = sealed(manager, room, "盒1", "INTERNAL");
        String third = sealed(manager, room, "盒2", "INTERNAL");
        String secret = sealed(manager, room, "盒2", "SECRET");
        String lent = sealed(manager, room, "盒2", "INTERNAL");
        String lentCode = code(manager, lent);
        JsonNode loan = borrower.post("/api/loans", Map.of("dossierId", lent, "purpose", "庭审出示原件", "kind", "ORIGINAL", "days", 5)).json();
        head.post("/api/loans/" + loan.get("id").asText() + "/approve", Map.of("comment", "同意"));
        assertEquals(200, otherClerk.post("/api/loans/" + loan.get("id").asText() + "/hand-out", Map.of("code", lentCode)).status());

        ApiClient.Reply started = manager.post("/api/inventories", Map.of("room", room));
        assertEquals(201, started.status(), started::toString);
        String id = started.json().get("id").asText();
        assertEquals(5, started.json().get("expected").asInt());
        assertEquals(1, started.json().get("onLoan").asInt());
        assertEquals(4, clerk.get("/api/inventories/" + id).json().get("expected").asInt(), "counts cover what the clerk may read");
        JsonAssert.problem(clerk.post("/api/inventories", Map.of("room", room)), 409);
        JsonAssert.problem(clerk.post("/api/inventories", Map.of("room", "无此库房" + room)), 422);

        JsonNode box = clerk.post("/api/inventories/" + id + "/scans", Map.of("code", room + " / A-01 / 盒1")).json();
        assertEquals(2, box.get("checkedOff").asInt(), box::toString);
        JsonNode one = clerk.post("/api/inventories/" + id + "/scans", Map.of("code", code(manager, third).toLowerCase())).json();
        assertEquals(1, one.get("checkedOff").asInt(), one::toString);
        JsonNode again = clerk.post("/api/inventories/" + id + "/scans", Map.of("code", code(manager, third))).json();
        assertEquals(0, again.get("checkedOff").asInt());
        assertEquals(1, again.get("alreadyFound").asInt());
        JsonAssert.problem(clerk.post("/api/inventories/" + id + "/scans", Map.of("code", code(manager, secret))), 422);
        JsonAssert.problem(clerk.post("/api/inventories/" + id + "/scans", Map.of("code", "F01-XX·1999-D10-XX-9999")), 422);

        JsonNode counted = manager.get("/api/inventories/" + id).json();
        assertEquals(List.of(3, 1, 1, 0), List.of(counted.get("found").asInt(), counted.get("onLoan").asInt(), counted.get("pending").asInt(),
                counted.get("missing").asInt()), counted::toString);
        JsonNode closed = manager.post("/api/inventories/" + id + "/close", "").json();
        assertEquals("CLOSED", closed.get("status").asText());
        assertEquals(1, closed.get("missing").asInt(), closed::toString);
        JsonNode missing = manager.get("/api/inventories/" + id + "/lines?state=MISSING").json();
        assertEquals(1, missing.size(), missing::toString);
        assertEquals(code(manager, secret), missing.get(0).get("archivalCode").asText());
        assertEquals(0, clerk.get("/api/inventories/" + id + "/lines?state=MISSING").json().size(), "confined to what the clerk may read");
        JsonNode all = manager.get("/api/inventories/" + id + "/lines").json();
        assertEquals(List.of("盒1", "盒1", "盒2", "盒2", "盒2"), all.findValuesAsText("box"), "box by box");
        assertTrue(all.toString().contains(loan.get("number").asText()), "the original out names its loan");
        JsonAssert.problem(clerk.post("/api/inventories/" + id + "/scans", Map.of("code", code(manager, first))), 409);
        JsonAssert.problem(manager.post("/api/inventories/" + id + "/close", ""), 409);
        assertTrue(Database.query("select details::text as d from audit_event where action = 'INVENTORY_CLOSED' and target = ?",
                "inventory:" + id).get(0).get("d").toString().contains(code(manager, secret)));
        auditorsSeeTheCodesOfWhatTheyMayRead(id, code(manager, third), secret, code(manager, secret));
        assertEquals(403, borrower.get("/api/inventories/" + id).status());
        assertTrue(second != null);
    }

    /**
     * The inventory's events quote 档号: a scanned one and those missing at the close. An auditor
     * below the SECRET dossier's level sees every event, the scanned INTERNAL code, and the closing
     * event with the SECRET dossier's 档号 withheld; an auditor cleared for it reads it.
     */
    private static void auditorsSeeTheCodesOfWhatTheyMayRead(String inventory, String scannedCode, String secret, String secretCode) {
        ApiClient cleared = Users.create("ivauditor", "SECRET", "稽核部", "AUDITOR");
        ApiClient below = Users.create("ivauditor", "INTERNAL", "稽核部", "AUDITOR");
        JsonNode full = cleared.get(ApiClient.query("/api/audit", Map.of("target", "inventory:" + inventory))).json().get("events");
        JsonNode shown = below.get(ApiClient.query("/api/audit", Map.of("target", "inventory:" + inventory))).json().get("events");
        assertEquals(List.of("INVENTORY_CLOSED", "INVENTORY_SCANNED", "INVENTORY_SCANNED", "INVENTORY_SCANNED", "INVENTORY_STARTED"),
                shown.findValuesAsText("action"), shown::toString);
        assertEquals(full.findValuesAsText("hash"), shown.findValuesAsText("hash"));
        assertTrue(full.get(0).get("details").get("archivalCode").asText().contains(secretCode), full::toString);
        assertTrue(!shown.toString().contains(secretCode), "the SECRET dossier's 档号 is not shown below its level: " + shown);
        assertEquals("[\"missing\",\"archivalCode\"]", shown.get(0).get("details").get("withheld").toString(), shown::toString);
        assertEquals("[" + secret + "]", shown.get(0).get("details").get("dossiers").asText(), "the event names the dossier it quotes");
        assertTrue(shown.toString().contains(scannedCode.toLowerCase()), "a scanned code the auditor may read is shown: " + shown);
    }

    @Test
    void theDeskStartsScansAndClosesAnInventory() {
        String room = "盘点库房" + Users.unique("r").replaceAll("[^0-9a-f]", "").substring(0, 6);
        ApiClient manager = Users.create("ivmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        Users.Account clerk = Users.account("ivclerk", "SECRET", "档案室", "CLERK");
        String code = code(manager, sealed(manager, room, "盒9", "INTERNAL"));
        sealed(manager, room, "盒9", "INTERNAL");
        try (Browser browser = Browser.open()) {
            browser.signIn(clerk);
            browser.go("/ui/home.xhtml");
            browser.click(By.id("nav-inventory"));
            browser.awaitText("纸质档案盘点");
            browser.type(By.id("start:room"), room);
            browser.click(By.id("start:begin"));
            browser.awaitText("应有 2 卷");
            browser.find(By.id("scan:code")).sendKeys(code + Keys.ENTER);
            browser.awaitText(code + "：清点 1 卷。");
            assertEquals("1", browser.text(By.id("count-found")));
            assertEquals("1", browser.text(By.id("count-pending")));
            browser.awaitAjax();
            browser.screenshot("46-inventory");
            browser.click(By.id("scan:finish"));
            browser.click(By.cssSelector(".ui-confirmdialog-yes"));
            browser.awaitText("缺失 1 卷");
            assertEquals("1", browser.text(By.id("count-missing")));
            browser.phone();
            browser.go("/ui/inventory.xhtml");
            browser.awaitText("盘点记录");
            assertTrue(browser.fitsWidth(), browser.overflowing());
            browser.screenshot("46-inventory-phone");
        }
    }

    private static String sealed(ApiClient manager, String room, String box, String level) {
        String id = Dossiers.create(manager, Dossiers.claim("车险", DEPARTMENT, level)).get("id").asText();
        assertEquals(200, manager.put("/api/dossiers/" + id + "/location", Map.of("room", room, "shelf", "A-01", "box", box)).status());
        assertEquals(201, manager.post("/api/dossiers/" + id + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2024-03-01")).status());
        Dossiers.seal(manager, id);
        return id;
    }

    private static String code(ApiClient reader, String id) {
        return reader.get("/api/dossiers/" + id).json().get("archivalCode").asText();
    }
}
