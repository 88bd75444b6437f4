package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies for dossiers, each with unique business keys. */
public final class Dossiers {

    private Dossiers() {
    }

    public static ObjectNode claim(String productLine, String department, String securityLevel) {
        String claimNumber = Users.unique("CL").toUpperCase();
        ObjectNode body = ApiClient.object()
                .put("type", "CLAIM")
                .put("claimNumber", claimNumber)
                .put("policyNumber", Users.unique("PDAA").toUpperCase())
                .put("productLine", productLine)
                .put("title", "张伟 " + productLine + " 理赔案卷 " + claimNumber)
                .put("department", department)
                .put("securityLevel", securityLevel)
                .put("insured", "张伟")
                .put("lossDate", "2025-06-18")
                .put("claimAmount", "12800.00");
        body.putObject("metadata").put("lossCause", "交通事故").put("vehiclePlate", "沪A12345");
        return body;
    }

    public static ObjectNode underwriting(String productLine, String department) {
        String policyNumber = Users.unique("PDAA").toUpperCase();
        ObjectNode body = ApiClient.object()
                .put("type", "UNDERWRITING")
                .put("policyNumber", policyNumber)
                .put("productLine", productLine)
                .put("title", "王芳 " + productLine + " 承保案卷 " + policyNumber)
                .put("department", department)
                .put("securityLevel", "INTERNAL")
                .put("insured", "王芳")
                .put("policyStart", "2025-01-01")
                .put("policyEnd", "2025-12-31");
        body.putObject("metadata").put("premium", "3600.00").put("channel", "个人代理");
        return body;
    }

    public static JsonNode create(ApiClient client, ObjectNode body) {
        ApiClient.Reply reply = client.post("/api/dossiers", body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    public static ObjectNode itemMetadata(String title, String documentType) {
        return ApiClient.object().put("title", title).put("documentType", documentType);
    }

    /**
     * Seals as an archive manager, who may seal what lacks required items with a reason on record:
     * for tests about what comes after sealing (only sealed dossiers are ever due or disposed of).
     */
    public static void seal(ApiClient manager, String id) {
        ApiClient.Reply reply = manager.post("/api/dossiers/" + id + "/seal", java.util.Map.of("exceptionReason", "测试案卷，仅含测试所需的材料"));
        assertEquals(200, reply.status(), reply::toString);
    }
}
