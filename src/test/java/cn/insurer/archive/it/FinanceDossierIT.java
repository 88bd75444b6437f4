package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 财务案卷: accounting records filed by volume and fiscal year, kept as 会计档案管理办法 says and coded accordingly. */
class FinanceDossierIT extends ServerTestBase {

    private static ApiClient clerk;
    private static ApiClient manager;

    @BeforeAll
    static void users() {
        clerk = Users.create("fclerk", "CONFIDENTIAL", "财务部", "CLERK");
        manager = Users.create("fmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
    }

    private static ObjectNode volume(String title) {
        return ApiClient.object().put("type", "FINANCE").put("volumeNumber", Users.unique("JZ").toUpperCase())
                .put("title", title).put("department", "财务部").put("fiscalYear", "2016").put("securityLevel", "INTERNAL");
    }

    private static void file(String dossier, String documentType, String date) {
        ApiClient.Reply reply = clerk.upload(dossier, (documentType + " " + dossier).getBytes(StandardCharsets.UTF_8),
                documentType + ".txt", Dossiers.itemMetadata(documentType, documentType).put("documentDate", date));
        assertEquals(201, reply.status(), reply::toString);
    }

    @Test
    void aVolumeOfVouchersIsKeptThirtyYearsFromItsFiscalYearAndCodedD30() {
        JsonNode created = Dossiers.create(clerk, volume("2016年3月记账凭证 第1册"));
        String id = created.get("id").asText();
        assertEquals("FINANCE", created.get("type").asText());
        assertEquals("财务", created.get("productLine").asText(), "accounting records belong to no product line");
        assertEquals(2016, created.get("fiscalYear").asInt());
        file(id, "BOOKKEEPING_VOUCHER", "2016-03-31");
        file(id, "ORIGINAL_VOUCHER", "2016-03-12");
        JsonAssert.problem(clerk.upload(id, "查勘".getBytes(StandardCharsets.UTF_8), "survey.txt",
                Dossiers.itemMetadata("查勘报告", "SURVEY_REPORT")), 422);
        JsonAssert.problem(clerk.post("/api/dossiers/" + id + "/events", Map.of("event", "POLICY_TERMINATED", "date", "2016-12-31")), 422);

        ApiClient.Reply sealed = clerk.post("/api/dossiers/" + id + "/seal", "");
        assertEquals(200, sealed.status(), sealed::toString);
        assertTrue(sealed.json().get("archivalCode").asText().matches("F01-FI·2016-D30-FI-\\d{4}"), sealed::toString);
        JsonNode retention = manager.get("/api/dossiers/" + id).json().get("retention");
        assertEquals("ACC-VOUCHER", retention.get("ruleId").asText(), retention::toString);
        assertEquals("FISCAL_YEAR_END", retention.get("trigger").asText());
        assertEquals("2016-12-31", retention.get("triggerDate").asText());
        assertEquals("2047-01-01", retention.get("dispositionDate").asText(), "30 years from the day after the fiscal year ends");
    }

    @Test
    void anAnnualReportIsPermanentAndAMissingFiscalYearIsNamed() {
        ApiClient.Reply noYear = clerk.post("/api/dossiers", volume("2016年度财务会计报告").without("fiscalYear"));
        JsonAssert.problem(noYear, 422);
        assertTrue(noYear.json().get("errors").toString().contains("fiscalYear"), noYear::toString);
        JsonAssert.problem(clerk.post("/api/dossiers", volume("2016年度财务会计报告").put("fiscalYear", "16")), 422);
        JsonAssert.problem(clerk.post("/api/dossiers", volume("2016年度财务会计报告").put("productLine", "车险")), 422);

        String id = Dossiers.create(clerk, volume("2016年度财务会计报告")).get("id").asText();
        file(id, "ANNUAL_FINANCIAL_REPORT", "2017-03-20");
        ApiClient.Reply sealed = clerk.post("/api/dossiers/" + id + "/seal", "");
        assertEquals(200, sealed.status(), sealed::toString);
        assertTrue(sealed.json().get("archivalCode").asText().matches("F01-FI·2016-Y-FI-\\d{4}"), sealed::toString);
        assertEquals("PERMANENT", manager.get("/api/dossiers/" + id).json().get("retention").get("state").asText());
    }

    @Test
    void volumesArriveByImportNamedByTheirVolumeNumberAndFiscalYear() {
        String number = Users.unique("PZ").toUpperCase();
        byte[] zip = new ImportPackageBuilder().csv(java.util.List.of("案卷类型,册号,会计年度,案卷题名,部门,密级,件题名,文件类型,文件日期,文件路径",
                        "财务," + number + ",2019年度,2019年12月记账凭证 第3册,财务部,内部,记账凭证（第401至600号）,记账凭证,2019-12-31,v/401-600.txt",
                        "," + number + ",2019,2019年12月记账凭证 第3册,财务部,内部,原始凭证（报销单据）,ORIGINAL_VOUCHER,2019-12-20,v/bills.txt",
                        "财务,,2019,没有册号的一行,财务部,内部,记账凭证,记账凭证,2019-12-31,v/601-800.txt"),
                        StandardCharsets.UTF_8, true)
                .text("v/401-600.txt", "记账凭证 401-600 " + number)
                .text("v/bills.txt", "报销单据 " + number)
                .text("v/601-800.txt", "记账凭证 601-800 " + number)
                .zip();
        JsonNode done = ImportRuns.run(clerk, zip);
        assertEquals(2, done.get("imported").asInt(), done::toString);
        JsonNode refused = done.get("errors").get(0);
        assertEquals(4, refused.get("row").asInt(), done::toString);
        assertTrue(refused.get("message").asText().contains("册号"), refused::toString);

        JsonNode page = clerk.get("/api/dossiers?type=FINANCE&businessKey=" + number).json();
        assertEquals(1, page.get("total").asInt(), page::toString);
        String id = page.get("dossiers").get(0).get("id").asText();
        JsonNode volume = clerk.get("/api/dossiers/" + id).json();
        assertEquals(2019, volume.get("fiscalYear").asInt(), volume::toString);
        assertEquals(2, volume.get("items").size(), "both rows went into the one volume");
        ApiClient.Reply sealed = clerk.post("/api/dossiers/" + id + "/seal", "");
        assertEquals(200, sealed.status(), sealed::toString);
        assertTrue(sealed.json().get("archivalCode").asText().matches("F01-FI·2019-D30-FI-\\d{4}"), sealed::toString);
    }
}
