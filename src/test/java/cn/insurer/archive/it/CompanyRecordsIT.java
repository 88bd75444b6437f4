package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 人事案卷 and 文书案卷: the company's own records, filed under their categories of the file plan.
 * No statutory minimum covers them, so they never fall due by themselves: the archival code states
 * the company's own schedule (the class's code) and an appraisal decides their end.
 */
class CompanyRecordsIT extends ServerTestBase {

    private static Users.Account hr;
    private static ApiClient hrClerk;
    private static ApiClient officeClerk;
    private static ApiClient manager;

    @BeforeAll
    static void users() {
        hr = Users.account("hrclerk", "CONFIDENTIAL", "人力资源部", "CLERK");
        hrClerk = hr.api();
        officeClerk = Users.create("ofclerk", "INTERNAL", "办公室", "CLERK");
        manager = Users.create("crmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
    }

    private static void file(ApiClient clerk, String dossier, String title, String documentType, boolean personal) {
        ObjectNode metadata = Dossiers.itemMetadata(title, documentType).put("personalData", personal);
        ApiClient.Reply reply = clerk.upload(dossier, (documentType + " " + dossier).getBytes(StandardCharsets.UTF_8),
                documentType + ".txt", metadata);
        assertEquals(201, reply.status(), reply::toString);
    }

    @Test
    void aPersonnelFileIsCompleteWithResumeAndContractAndKeptUntilAnAppraisalDecides() {
        String employee = Users.unique("E").toUpperCase();
        JsonNode created = Dossiers.create(hrClerk, ApiClient.object().put("type", "PERSONNEL").put("employeeNumber", employee)
                .put("title", "王芳 人事档案").put("department", "人力资源部").put("securityLevel", "CONFIDENTIAL")
                .set("metadata", ApiClient.object().put("employeeName", "王芳").put("hireDate", "2012-07-01")));
        String id = created.get("id").asText();
        assertEquals("PERSONNEL", created.get("type").asText());
        assertEquals(employee, created.get("businessKey").asText());
        assertEquals("人事", created.get("productLine").asText(), "a personnel file belongs to no product line");
        JsonAssert.problem(hrClerk.post("/api/dossiers", ApiClient.object().put("type", "PERSONNEL").put("employeeNumber",
                Users.unique("E")).put("title", "李娜").put("department", "人力资源部").put("productLine", "车险")), 422);

        file(hrClerk, id, "干部履历表", "RESUME", true);
        JsonAssert.problem(hrClerk.upload(id, "查勘".getBytes(StandardCharsets.UTF_8), "survey.txt",
                Dossiers.itemMetadata("查勘报告", "SURVEY_REPORT")), 422);
        JsonAssert.problem(hrClerk.post("/api/dossiers/" + id + "/events", Map.of("event", "POLICY_TERMINATED", "date", "2020-12-31")), 422);
        ApiClient.Reply incomplete = hrClerk.post("/api/dossiers/" + id + "/seal", "");
        JsonAssert.problem(incomplete, 422);
        assertTrue(incomplete.text().contains("LABOUR_CONTRACT") || incomplete.text().contains("劳动合同"), incomplete::toString);

        file(hrClerk, id, "劳动合同书（2012—2015）", "LABOUR_CONTRACT", true);
        ApiClient.Reply sealed = hrClerk.post("/api/dossiers/" + id + "/seal", "");
        assertEquals(200, sealed.status(), sealed::toString);
        assertTrue(sealed.json().get("archivalCode").asText().matches("F01-HR·\\d{4}-Y-HR-\\d{4}"), sealed::toString);
        JsonNode retention = manager.get("/api/dossiers/" + id).json().get("retention");
        assertEquals("UNCLASSIFIED", retention.get("ruleId").asText(), retention::toString);
        assertTrue(retention.path("dispositionDate").isMissingNode() || retention.get("dispositionDate").isNull(),
                "never due by itself: " + retention);

        try (Browser browser = Browser.open()) {
            browser.signIn(hr);
            browser.go("/ui/dossier.xhtml?id=" + id);
            browser.awaitText("王芳 人事档案");
            String page = browser.pageText();
            assertTrue(page.contains("人事案卷") && page.contains("履历材料") && page.contains("劳动合同"), page);
            assertTrue(browser.text(org.openqa.selenium.By.id("dossier:retention-state")).contains("由鉴定决定"), page);
            assertTrue(!page.contains("UNCLASSIFIED") && !page.contains("PERSONNEL"), "no codes on the desk: " + page);
            assertTrue(!page.contains("保单号") && !page.contains("被保险人") && !page.contains("保单终止") && !page.contains("结案"),
                    "nothing of an insurance contract on an employee's file: " + page);
            browser.screenshot("48-personnel-dossier");
        }
    }

    @Test
    void generalRecordsFileByYearAndArriveByImportToo() {
        String number = Users.unique("WS").toUpperCase();
        ApiClient.Reply noYear = officeClerk.post("/api/dossiers", ApiClient.object().put("type", "GENERAL").put("fileNumber", number)
                .put("title", "2015年 董事会决议").put("department", "办公室"));
        JsonAssert.problem(noYear, 422);
        assertTrue(noYear.json().get("errors").toString().contains("fiscalYear"), noYear::toString);

        byte[] zip = new ImportPackageBuilder().csv(List.of("案卷类型,案卷号,年度,案卷题名,部门,密级,件题名,文件类型,文件日期,文件路径",
                        "文书," + number + ",2015年,2015年 董事会决议,办公室,内部,第三届董事会第五次会议决议,董事会、股东会决议,2015-04-20,ws/resolution.txt",
                        "," + number + ",2015,2015年 董事会决议,办公室,内部,会议纪要,MEETING_MINUTES,2015-04-20,ws/minutes.txt"),
                        StandardCharsets.UTF_8, true)
                .text("ws/resolution.txt", "董事会决议 " + number)
                .text("ws/minutes.txt", "会议纪要 " + number)
                .zip();
        JsonNode done = ImportRuns.run(officeClerk, zip);
        assertEquals(2, done.get("imported").asInt(), done::toString);

        JsonNode page = officeClerk.get("/api/dossiers?type=GENERAL&businessKey=" + number).json();
        assertEquals(1, page.get("total").asInt(), page::toString);
        String id = page.get("dossiers").get(0).get("id").asText();
        JsonNode general = officeClerk.get("/api/dossiers/" + id).json();
        assertEquals(2015, general.get("fiscalYear").asInt(), general::toString);
        assertEquals("文书", general.get("productLine").asText());
        assertEquals(2, general.get("items").size());
        ApiClient.Reply sealed = officeClerk.post("/api/dossiers/" + id + "/seal", "");
        assertEquals(200, sealed.status(), sealed::toString);
        assertTrue(sealed.json().get("archivalCode").asText().matches("F01-GE·2015-Y-OF-\\d{4}"), sealed::toString);
        JsonNode due = manager.get("/api/retention/due?before=2999-12-31").json();
        assertTrue(!due.toString().contains(id), "general records never fall due by themselves");
    }

    @Test
    void anHrClerkOpensAnEmployeesFileFromTheNewDossierForm() {
        String employee = Users.unique("E").toUpperCase();
        try (Browser browser = Browser.open()) {
            browser.signIn(hr);
            browser.go("/ui/dossier-new.xhtml");
            new org.openqa.selenium.support.ui.Select(browser.find(org.openqa.selenium.By.id("dossier-form:type"))).selectByValue("PERSONNEL");
            browser.await(d -> !d.findElements(org.openqa.selenium.By.cssSelector("[data-field='employeeNumber']")).isEmpty());
            assertTrue(browser.all(org.openqa.selenium.By.cssSelector("[data-field='insured'], [data-field='policyNumber'], "
                    + "[data-field='fiscalYear']")).isEmpty(), "an employee's file asks for no policy and no year");
            browser.type(org.openqa.selenium.By.cssSelector("[data-field='employeeNumber']"), employee);
            browser.type(org.openqa.selenium.By.cssSelector("[data-field='title']"), "赵磊 人事档案");
            browser.type(org.openqa.selenium.By.cssSelector("[data-field='department']"), "人力资源部");
            browser.type(org.openqa.selenium.By.cssSelector("[data-field='metadata.employeeName']"), "赵磊");
            new org.openqa.selenium.support.ui.Select(browser.find(org.openqa.selenium.By.cssSelector("[data-field='productLine']")))
                    .selectByVisibleText("人事");
            new org.openqa.selenium.support.ui.Select(browser.find(org.openqa.selenium.By.cssSelector("[data-field='securityLevel']")))
                    .selectByValue("CONFIDENTIAL");
            browser.screenshot("49-new-personnel-dossier");
            browser.click(org.openqa.selenium.By.id("dossier-form:create"));
            browser.awaitText("已创建");
            String page = browser.pageText();
            assertTrue(page.contains("人事案卷") && page.contains(employee), page);
            String offered = browser.text(org.openqa.selenium.By.id("upload:document-type"));
            assertTrue(offered.contains("劳动合同") && offered.contains("履历材料") && !offered.contains("查勘报告"),
                    "the personnel class's document types are offered: " + offered);
        }
        JsonNode found = hrClerk.get("/api/dossiers?type=PERSONNEL&businessKey=" + employee).json();
        assertEquals(1, found.get("total").asInt(), found::toString);
        assertEquals("赵磊", found.get("dossiers").get(0).get("metadata").get("employeeName").asText(), found::toString);
    }
}
