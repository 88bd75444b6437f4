package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DossierApiIT extends ServerTestBase {

    private static ApiClient clerk;

    @BeforeAll
    static void users() {
        clerk = Users.create("clerk", "CONFIDENTIAL", "档案室", "CLERK");
    }

    @Test
    void clerkOpensAClaimDossierAndReadsItBack() {
        ObjectNode body = Dossiers.claim("车险", "理赔部", "INTERNAL");
        JsonNode created = Dossiers.create(clerk, body);
        assertEquals("OPEN", created.get("status").asText());
        assertEquals(body.get("claimNumber").asText(), created.get("businessKey").asText());
        assertEquals("12800.00", created.get("claimAmount").asText());
        assertEquals("2025-06-18", created.get("lossDate").asText());
        assertEquals("交通事故", created.get("metadata").get("lossCause").asText());
        assertEquals(0, created.get("items").size());

        JsonNode read = clerk.get("/api/dossiers/" + created.get("id").asText()).json();
        assertEquals(created.get("id"), read.get("id"));
        assertEquals("车险", read.get("productLine").asText());

        JsonNode page = clerk.get(ApiClient.query("/api/dossiers",
                Map.of("businessKey", body.get("claimNumber").asText(), "type", "CLAIM"))).json();
        assertEquals(1, page.get("total").asInt());
        assertEquals(created.get("id"), page.get("dossiers").get(0).get("id"));
    }

    @Test
    void sameBusinessKeyTwiceIsAConflict() {
        ObjectNode body = Dossiers.underwriting("家财险", "承保部");
        Dossiers.create(clerk, body);
        ApiClient.Reply again = clerk.post("/api/dossiers", body);
        assertEquals(409, again.status(), again::toString);
        assertTrue(again.contentType().startsWith("application/problem+json"));
    }

    @Test
    void metadataBreakingTheSchemaIs422WithFieldErrors() {
        ObjectNode body = Dossiers.claim("车险", "理赔部", "INTERNAL");
        body.put("lossDate", "18/06/2025");
        body.withObject("metadata").put("vehiclePlate", "not a plate").putObject("nested").put("x", 1);
        body.remove("policyNumber");
        ApiClient.Reply reply = clerk.post("/api/dossiers", body);
        assertEquals(422, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        JsonNode errors = reply.json().get("errors");
        var fields = StreamSupport.stream(errors.spliterator(), false).map(e -> e.get("field").asText()).toList();
        assertTrue(fields.contains("lossDate"), fields::toString);
        assertTrue(fields.contains("metadata.vehiclePlate"), fields::toString);
        assertTrue(fields.contains("metadata.nested"), fields::toString);
        assertTrue(fields.contains("policyNumber"), fields::toString);

        ApiClient.Reply english = clerk.send(clerk.builder("/api/dossiers").header("Accept-Language", "en")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())));
        assertEquals("Invalid data", english.json().get("title").asText());

        ObjectNode wrongType = Dossiers.claim("车险", "理赔部", "INTERNAL").put("type", "PENSION");
        assertEquals(422, clerk.post("/api/dossiers", wrongType).status());
        ObjectNode badTerm = Dossiers.underwriting("寿险", "承保部").put("policyEnd", "2024-01-01");
        assertEquals(422, clerk.post("/api/dossiers", badTerm).status());
    }

    @Test
    void malformedRequestsAre400ProblemDetails() {
        ApiClient.Reply broken = clerk.post("/api/dossiers", "{\"type\": \"CLAIM\",");
        assertEquals(400, broken.status(), broken::toString);
        assertTrue(broken.contentType().startsWith("application/problem+json"));
        assertEquals(400, clerk.post("/api/dossiers", "[1,2]").status());
        assertEquals(400, clerk.post("/api/dossiers", "").status());
        ApiClient.Reply xml = clerk.postRaw("/api/dossiers", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, xml.status(), xml::toString);
        assertTrue(xml.contentType().startsWith("application/problem+json"));
    }

    @Test
    void unknownIdsAre404() {
        ApiClient.Reply unknown = clerk.get("/api/dossiers/3f1c2b9e-0000-4000-8000-000000000000");
        assertEquals(404, unknown.status());
        assertTrue(unknown.contentType().startsWith("application/problem+json"));
        assertEquals(404, clerk.get("/api/dossiers/not-a-uuid").status());
        assertEquals(404, clerk.get("/api/items/3f1c2b9e-0000-4000-8000-000000000000/content").status());
        ApiClient.Reply path = clerk.get("/api/no-such-thing");
        assertEquals(404, path.status());
        assertTrue(path.contentType().startsWith("application/problem+json"));
    }

    @Test
    void uploadedItemDownloadsByteIdenticalAndIdenticalBytesAreRefused() throws Exception {
        JsonNode dossier = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL"));
        String id = dossier.get("id").asText();
        byte[] bytes = "报案记录：被保险人驾车发生交通事故，现场查勘后定损。".getBytes(StandardCharsets.UTF_8);

        ApiClient.Reply uploaded = clerk.upload(id, bytes, "报案记录.txt", Dossiers.itemMetadata("报案记录", "FIRST_NOTICE_OF_LOSS"));
        assertEquals(201, uploaded.status(), uploaded::toString);
        JsonNode item = uploaded.json();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(sha256, item.get("sha256").asText());
        assertEquals(1, item.get("itemNumber").asInt());
        assertEquals(bytes.length, item.get("size").asLong());
        assertTrue(item.get("mediaType").asText().startsWith("text/plain"), item::toString);
        assertEquals("INTERNAL", item.get("securityLevel").asText());

        ApiClient.Reply content = clerk.get("/api/items/" + item.get("id").asText() + "/content");
        assertEquals(200, content.status());
        assertArrayEquals(bytes, content.body());
        assertEquals("\"" + sha256 + "\"", content.header("ETag"));
        assertEquals(304, clerk.get("/api/items/" + item.get("id").asText() + "/content",
                Map.of("If-None-Match", "\"" + sha256 + "\"")).status());

        ApiClient.Reply again = clerk.upload(id, bytes, "copy.txt", Dossiers.itemMetadata("副本", "FIRST_NOTICE_OF_LOSS"));
        assertEquals(409, again.status(), again::toString);
        assertEquals(item.get("id").asText(), again.json().get("existingItemId").asText());

        JsonNode other = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "INTERNAL"));
        ApiClient.Reply elsewhere = clerk.upload(other.get("id").asText(), bytes, "报案记录.txt",
                Dossiers.itemMetadata("报案记录", "FIRST_NOTICE_OF_LOSS"));
        assertEquals(201, elsewhere.status(), "the same bytes may be filed in another dossier");
        assertEquals(sha256, elsewhere.json().get("sha256").asText());

        JsonNode reread = clerk.get("/api/dossiers/" + id).json();
        assertEquals(1, reread.get("items").size());
        assertEquals("报案记录", reread.get("items").get(0).get("title").asText());
    }

    @Test
    void hostileUploadsAreRejectedClearly() {
        String id = Dossiers.create(clerk, Dossiers.claim("家财险", "理赔部", "INTERNAL")).get("id").asText();

        ApiClient.Reply empty = clerk.upload(id, new byte[0], "empty.pdf", Dossiers.itemMetadata("空文件", "SURVEY_REPORT"));
        assertEquals(400, empty.status(), empty::toString);
        assertEquals("file", empty.json().get("errors").get(0).get("field").asText());

        ApiClient.Reply noFile = clerk.upload(id, (java.nio.file.Path) null, null, Dossiers.itemMetadata("x", "SURVEY_REPORT"));
        assertEquals(400, noFile.status(), noFile::toString);

        ApiClient.Reply noMetadata = clerk.upload(id, new byte[] {1, 2, 3}, "a.bin", null);
        assertEquals(400, noMetadata.status(), noMetadata::toString);

        ApiClient.Reply badMetadata = clerk.upload(id, new byte[] {1, 2, 4}, "a.bin", "{not json");
        assertEquals(400, badMetadata.status(), badMetadata::toString);

        ApiClient.Reply noType = clerk.upload(id, new byte[] {1, 2, 5}, "a.bin", Map.of("title", "无类型"));
        assertEquals(422, noType.status(), noType::toString);

        ApiClient.Reply foreignType = clerk.upload(id, new byte[] {1, 2, 6}, "a.bin", Dossiers.itemMetadata("保单", "POLICY"));
        JsonAssert.problem(foreignType, 422);
        assertEquals("metadata.documentType", foreignType.json().get("errors").get(0).get("field").asText(),
                "a claim dossier's class does not accept policies");

        ApiClient.Reply notMultipart = clerk.postRaw("/api/dossiers/" + id + "/items", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, notMultipart.status(), notMultipart::toString);
        assertTrue(notMultipart.contentType().startsWith("application/problem+json"));

        assertEquals(0, clerk.get("/api/dossiers/" + id).json().get("items").size(), "nothing was filed");
    }

    @Test
    void readersOutsideTheDepartmentOrClearanceAreRefused() {
        String id = Dossiers.create(clerk, Dossiers.claim("车险", "理赔部", "CONFIDENTIAL")).get("id").asText();
        ApiClient lowClearance = Users.create("adjuster", "INTERNAL", "理赔部", "ADJUSTER");
        ApiClient otherDepartment = Users.create("adjuster", "CONFIDENTIAL", "承保部", "ADJUSTER");
        ApiClient allowed = Users.create("adjuster", "CONFIDENTIAL", "理赔部", "ADJUSTER");

        assertEquals(403, lowClearance.get("/api/dossiers/" + id).status());
        assertEquals(403, otherDepartment.get("/api/dossiers/" + id).status());
        assertEquals(200, allowed.get("/api/dossiers/" + id).status());
        assertEquals(403, admin().get("/api/dossiers/" + id).status(), "ADMIN reads no content");
        ApiClient.Reply upload = allowed.upload(id, new byte[] {9}, "x.bin", Dossiers.itemMetadata("x", "SURVEY_REPORT"));
        assertEquals(403, upload.status(), "only clerks file");
        assertFalse(lowClearance.get("/api/dossiers").text().contains(id), "lists show only readable dossiers");
        assertNotNull(allowed.get("/api/dossiers").json().get("total"));
    }
}
