package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paper originals, the item list (卷内目录), the custody register and the custody checks (四性检测). */
class CustodyIT extends ServerTestBase {

    private static final List<String> MOTOR_CLAIM = List.of("FIRST_NOTICE_OF_LOSS", "SURVEY_REPORT", "LOSS_ASSESSMENT",
            "REPAIR_INVOICE", "PAYMENT_VOUCHER");

    private static ApiClient clerk;
    private static ApiClient manager;
    private static ApiClient auditor;
    private static ApiClient outsider;

    @BeforeAll
    static void users() {
        clerk = Users.create("clerk", "CONFIDENTIAL", "理赔部", "CLERK");
        manager = Users.create("manager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        auditor = Users.create("auditor", "SECRET", "稽核部", "AUDITOR");
        outsider = Users.create("adjuster", "PUBLIC", "承保部", "ADJUSTER");
    }

    private static JsonNode upload(String dossierId, byte[] bytes, String fileName, JsonNode metadata) {
        ApiClient.Reply reply = clerk.upload(dossierId, bytes, fileName, metadata);
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    @Test
    void thePaperOriginalsLocationIsRecordedShownAndAudited() {
        String id = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        assertTrue(!clerk.get("/api/dossiers/" + id).json().hasNonNull("paperLocation"));

        ApiClient.Reply located = clerk.put("/api/dossiers/" + id + "/location", Map.of("room", "一号库房", "shelf", "A-03", "box", "0042"));
        assertEquals(200, located.status(), located::toString);
        JsonNode location = clerk.get("/api/dossiers/" + id).json().get("paperLocation");
        assertEquals("一号库房", location.get("room").asText());
        assertEquals("A-03", location.get("shelf").asText());
        assertEquals("0042", location.get("box").asText());

        ApiClient.Reply refused = clerk.put("/api/dossiers/" + id + "/location", Map.of("room", "一号库房", "shelf", "A-03"));
        JsonAssert.problem(refused, 422);
        assertTrue(refused.text().contains("box"), refused::toString);
        JsonAssert.problem(outsider.put("/api/dossiers/" + id + "/location", Map.of("room", "二号库房", "shelf", "B", "box", "1")), 403);

        ApiClient.Reply moved = manager.put("/api/dossiers/" + id + "/location", Map.of("room", "二号库房", "shelf", "B-01", "box", "0007"));
        assertEquals(200, moved.status(), moved::toString);
        assertEquals("二号库房", moved.json().get("paperLocation").get("room").asText());

        List<Map<String, Object>> events = Database.query("select actor, details::text as details from audit_event "
                + "where action = 'PAPER_LOCATION_RECORDED' and target = ? order by seq", "dossier:" + id);
        assertEquals(2, events.size());
        assertEquals(clerk.username(), events.get(0).get("actor"));
        assertEquals(manager.username(), events.get(1).get("actor"));
        assertTrue(events.get(1).get("details").toString().contains("一号库房 / A-03 / 0042"), events.toString());
    }

    @Test
    void theItemListIsPrintableChineseAndASpreadsheet() throws Exception {
        String id = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        upload(id, ("出险通知 " + id).getBytes(StandardCharsets.UTF_8), "fnol.txt",
                Dossiers.itemMetadata("机动车辆保险出险通知书（报案人：张伟，事故地点：上海市浦东新区世纪大道与东方路交叉口）", "FIRST_NOTICE_OF_LOSS")
                        .put("documentDate", "2025-06-18"));
        upload(id, ChineseDocuments.pdf("查勘报告", id), "survey.pdf",
                Dossiers.itemMetadata("现场查勘报告", "SURVEY_REPORT").put("documentDate", "2025-06-19").put("securityLevel", "CONFIDENTIAL"));
        assertEquals(200, clerk.put("/api/dossiers/" + id + "/location", Map.of("room", "一号库房", "shelf", "A-03", "box", "0042")).status());

        ApiClient.Reply pdf = clerk.get("/api/dossiers/" + id + "/item-list?format=pdf");
        assertEquals(200, pdf.status(), pdf::toString);
        assertEquals("application/pdf", pdf.contentType());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertEquals(1, document.getNumberOfPages());
            assertEquals(595, Math.round(document.getPage(0).getMediaBox().getWidth()), "A4 portrait");
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            for (String expected : List.of("卷内目录", "件号", "责任者", "题名", "日期", "页数", "密级", "备注", "现场查勘报告",
                    "2025-06-19", "秘密", "内部", "一号库房/A-03/0042", "交叉口")) {
                assertTrue(text.contains(expected), expected + " in " + text);
            }
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 100);
            Path png = Path.of("target", "item-list.png");
            Files.createDirectories(png.getParent());
            ImageIO.write(image, "png", png.toFile());
        }

        ApiClient.Reply xlsx = clerk.get("/api/dossiers/" + id + "/item-list?format=xlsx");
        assertEquals(200, xlsx.status(), xlsx::toString);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals("卷内目录", sheet.getRow(0).getCell(0).getStringCellValue());
            Row headings = sheet.getRow(6);
            assertEquals("件号", headings.getCell(0).getStringCellValue());
            assertEquals("备注", headings.getCell(6).getStringCellValue());
            Row second = sheet.getRow(8);
            assertEquals("2", second.getCell(0).getStringCellValue());
            assertEquals("理赔部", second.getCell(1).getStringCellValue());
            assertEquals("现场查勘报告", second.getCell(2).getStringCellValue());
            assertEquals("2025-06-19", second.getCell(3).getStringCellValue());
            assertEquals("秘密", second.getCell(5).getStringCellValue());
            assertEquals(9, sheet.getPhysicalNumberOfRows());
        }

        JsonAssert.problem(outsider.get("/api/dossiers/" + id + "/item-list?format=pdf"), 403);
        JsonAssert.problem(clerk.get("/api/dossiers/" + id + "/item-list?format=doc"), 400);
        JsonAssert.problem(clerk.get("/api/dossiers/" + UUID.randomUUID() + "/item-list"), 404);
        List<Map<String, Object>> events = Database.query("select actor from audit_event where action = 'ITEM_LIST_GENERATED' "
                + "and target = ?", "dossier:" + id);
        assertEquals(2, events.size());
    }

    @Test
    void theCustodyRegisterListsSealedDossiersWithTheirLocation() {
        String id = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL").put("lossDate", "2024-03-02")).get("id").asText();
        for (String type : MOTOR_CLAIM) {
            upload(id, (type + " " + id).getBytes(StandardCharsets.UTF_8), type + ".txt", Dossiers.itemMetadata(type, type));
        }
        assertEquals(201, clerk.post("/api/dossiers/" + id + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2024-04-01")).status());
        ApiClient.Reply sealed = clerk.post("/api/dossiers/" + id + "/seal", "");
        assertEquals(200, sealed.status(), sealed::toString);
        String code = sealed.json().get("archivalCode").asText();
        String title = sealed.json().get("title").asText();
        assertEquals(200, clerk.put("/api/dossiers/" + id + "/location", Map.of("room", "三号库房", "shelf", "C-12", "box", "0101")).status(),
                "the paper can move after sealing");

        ApiClient.Reply csv = manager.get("/api/reports/custody-register?format=csv");
        assertEquals(200, csv.status(), csv::toString);
        String text = csv.text();
        assertTrue(text.contains("档号,案卷题名,年度,保管期限,件数,页数,存放位置"), text);
        String line = text.lines().filter(row -> row.startsWith(code + ",")).findFirst().orElseThrow(() -> new AssertionError(text));
        String[] cells = line.split(",");
        assertEquals(List.of(code, title, "2024", "30年", "5"), List.of(cells).subList(0, 5));
        assertEquals("三号库房 / C-12 / 0101", cells[6]);
        assertEquals(200, auditor.get("/api/reports/custody-register?format=pdf").status());
        assertEquals(200, manager.get("/api/reports/custody-register?format=xlsx").status());
        JsonAssert.problem(clerk.get("/api/reports/custody-register?format=csv"), 403);
        JsonAssert.problem(manager.get("/api/reports/access-log?format=csv"), 403);
    }

    @Test
    void theSweepFindsChangedBytesMissingObjectsOrphansAndUnusableOriginals() throws Exception {
        String id = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        JsonNode changed = upload(id, ("报案记录 " + id).getBytes(StandardCharsets.UTF_8), "fnol.txt",
                Dossiers.itemMetadata("报案记录", "FIRST_NOTICE_OF_LOSS"));
        JsonNode deleted = upload(id, ("定损单 " + id).getBytes(StandardCharsets.UTF_8), "assessment.txt",
                Dossiers.itemMetadata("定损单", "LOSS_ASSESSMENT"));
        JsonNode unusable = upload(id, ChineseDocuments.pdf("查勘报告", id), "survey.pdf",
                Dossiers.itemMetadata("查勘报告", "SURVEY_REPORT"));
        upload(id, ("维修发票 " + id).getBytes(StandardCharsets.UTF_8), "invoice.txt", Dossiers.itemMetadata("维修发票", "REPAIR_INVOICE"));

        MinioClient s3 = s3();
        put(s3, key(changed), ("报案记录（已篡改）" + id).getBytes(StandardCharsets.UTF_8));
        s3.removeObject(RemoveObjectArgs.builder().bucket("archive-it").object(key(deleted)).build());
        byte[] png = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452");
        put(s3, key(unusable), png);
        String orphanHash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(("orphan " + id).getBytes(StandardCharsets.UTF_8)));
        String orphanKey = "sha256/" + orphanHash.substring(0, 2) + "/" + orphanHash;
        put(s3, orphanKey, ("orphan " + id).getBytes(StandardCharsets.UTF_8));

        JsonAssert.problem(clerk.post("/api/custody/checks", ""), 403);
        ApiClient.Reply started = manager.post("/api/custody/checks", "");
        assertEquals(202, started.status(), started::toString);
        String checkId = started.json().get("id").asText();

        JsonNode check = awaitSweep(checkId);
        long distinct = ((Number) Database.query("select count(distinct sha256) as n from item").get(0).get("n")).longValue();
        assertEquals(distinct, check.get("total").asLong(), check::toString);
        assertEquals(distinct, check.get("done").asLong(), check::toString);
        assertTrue(check.get("objectsPerSecond").asDouble() > 0, check::toString);

        // The harness keeps its bucket (target/it/s3) across runs but creates a new database each
        // time, so objects from earlier runs are genuine orphans too; every other finding is ours.
        Set<String> found = new TreeSet<>();
        Set<String> orphans = new TreeSet<>();
        check.get("findings").forEach(finding -> {
            if ("ORPHAN".equals(finding.get("kind").asText())) {
                orphans.add(finding.get("objectKey").asText());
            } else {
                found.add(finding.get("kind").asText() + " " + finding.get("objectKey").asText() + " " + finding.get("itemId").asText());
            }
        });
        Set<String> expected = new TreeSet<>(List.of(
                "INTEGRITY " + key(changed) + " " + changed.get("id").asText(),
                "MISSING " + key(deleted) + " " + deleted.get("id").asText(),
                "INTEGRITY " + key(unusable) + " " + unusable.get("id").asText(),
                "USABILITY " + key(unusable) + " " + unusable.get("id").asText()));
        assertEquals(expected, found);
        assertTrue(orphans.contains(orphanKey), orphans::toString);
        assertTrue(orphans.stream().noneMatch(key -> key.equals(key(changed)) || key.equals(key(deleted)) || key.equals(key(unusable))));
        assertEquals(orphans.size(), check.get("counts").get("ORPHAN").asInt());
        assertEquals(2, check.get("counts").get("INTEGRITY").asInt());
        assertEquals(64, check.get("summarySha256").asText().length());

        JsonNode alerts = manager.get("/api/custody/alerts").json();
        JsonNode alert = null;
        for (JsonNode candidate : alerts) {
            if (candidate.get("checkId").asText().equals(checkId)) {
                alert = candidate;
            }
        }
        assertTrue(alert != null, alerts::toString);
        assertEquals(4 + orphans.size(), alert.get("findings").asInt());
        assertEquals("INTEGRITY=2, MISSING=1, ORPHAN=" + orphans.size() + ", ORPHAN_COLLECTED=0, USABILITY=1", alert.get("summary").asText());
        JsonAssert.problem(clerk.get("/api/custody/alerts"), 403);
        String alertPath = "/api/custody/alerts/" + alert.get("id").asText() + "/acknowledge";
        JsonAssert.problem(auditor.post(alertPath, ""), 403);
        ApiClient.Reply acknowledged = manager.post(alertPath, "");
        assertEquals(200, acknowledged.status(), acknowledged::toString);
        assertEquals(manager.username(), acknowledged.json().get("acknowledgedBy").asText());
        JsonAssert.problem(manager.post(alertPath, ""), 409);

        List<Map<String, Object>> audited = Database.query("select action, actor, outcome from audit_event where target = ? order by seq",
                "custody-check:" + checkId);
        assertEquals(List.of("CUSTODY_CHECK_STARTED", "CUSTODY_CHECK_COMPLETED"), audited.stream().map(row -> row.get("action")).toList());
        assertEquals(manager.username(), audited.get(0).get("actor"));
        assertEquals("system", audited.get(1).get("actor"));
        assertEquals(1, Database.query("select 1 from audit_event where action = 'CUSTODY_ALERT_RAISED' and cast(details as jsonb)->>'checkId' = ?",
                checkId).size());
    }

    @Test
    void anOrphanStillUnreferencedAfterTheCollectionPeriodIsCollectedAndAudited() throws Exception {
        MinioClient s3 = s3();
        byte[] bytes = ("待回收的孤立对象 " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String hash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        String orphanKey = "sha256/" + hash.substring(0, 2) + "/" + hash;
        put(s3, orphanKey, bytes);
        try {
            assertEquals(Set.of("ORPHAN"), kindsFoundFor(sweep(), orphanKey));
            assertEquals(200, admin().post("/api/admin/clock", Map.of("offsetDays", 29)).status());
            assertEquals(Set.of("ORPHAN"), kindsFoundFor(sweep(), orphanKey), "reported again, not yet collected");
            assertTrue(exists(s3, orphanKey));

            assertEquals(200, admin().post("/api/admin/clock", Map.of("offsetDays", 31)).status());
            JsonNode collecting = sweep();
            assertEquals(Set.of("ORPHAN_COLLECTED"), kindsFoundFor(collecting, orphanKey));
            assertTrue(!exists(s3, orphanKey), "the collected orphan's bytes are gone");
            assertEquals(1, Database.query("select 1 from audit_event where action = 'CUSTODY_ORPHAN_COLLECTED' and target = ? "
                    + "and cast(details as jsonb)->>'checkId' = ?", "object:" + orphanKey, collecting.get("id").asText()).size());
            assertEquals(Set.of(), kindsFoundFor(sweep(), orphanKey), "nothing left to find");
        } finally {
            assertEquals(200, admin().post("/api/admin/clock", Map.of("offsetDays", 0)).status());
        }
    }

    private static JsonNode sweep() throws InterruptedException {
        ApiClient.Reply started = manager.post("/api/custody/checks", "");
        assertEquals(202, started.status(), started::toString);
        JsonNode check = awaitSweep(started.json().get("id").asText());
        assertEquals("COMPLETED", check.get("status").asText(), check::toString);
        return check;
    }

    private static JsonNode awaitSweep(String checkId) throws InterruptedException {
        JsonNode check = null;
        for (int i = 0; i < 240; i++) {
            check = manager.get("/api/custody/checks/" + checkId).json();
            if (!"RUNNING".equals(check.get("status").asText())) {
                break;
            }
            Thread.sleep(500);
        }
        return check;
    }

    private static Set<String> kindsFoundFor(JsonNode check, String objectKey) {
        Set<String> kinds = new TreeSet<>();
        check.get("findings").forEach(finding -> {
            if (finding.get("objectKey").asText().equals(objectKey)) {
                kinds.add(finding.get("kind").asText());
            }
        });
        return kinds;
    }

    private static MinioClient s3() {
        return MinioClient.builder().endpoint(System.getProperty("it.s3.endpoint")).region("us-east-1")
                .credentials(System.getProperty("it.s3.access.key"), System.getProperty("it.s3.secret.key")).build();
    }

    private static boolean exists(MinioClient s3, String key) throws Exception {
        try {
            s3.statObject(StatObjectArgs.builder().bucket("archive-it").object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return false;
            }
            throw e;
        }
    }

    private static String key(JsonNode item) {
        String hash = item.get("sha256").asText();
        return "sha256/" + hash.substring(0, 2) + "/" + hash;
    }

    private static void put(MinioClient s3, String key, byte[] bytes) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket("archive-it").object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }
}
