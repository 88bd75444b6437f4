package cn.insurer.archive.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event's details are hashed into the chain as written, so their JSON must not drift: these are
 * the exact strings the trail has always held for such details.
 */
class AuditLogTest {

    @Test
    void detailsAreWrittenExactlyAsTheTrailHoldsThem() {
        Map<String, Object> loan = new LinkedHashMap<>();
        loan.put("借阅人", "王芳");
        loan.put("days", 14);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", "客户要求调阅 <理赔>/复印 \"原件\"");
        details.put("pages", 12);
        details.put("amount", new BigDecimal("1280.50"));
        details.put("ratio", 0.25);
        details.put("urgent", true);
        details.put("approver", null);
        details.put("loan", loan);
        details.put("items", List.of("理赔申请书", 2));
        details.put("note", "第一行\n\t第二行\u001b");
        // Chinese, < and / as they are; a nested map or list as its text, not as JSON; control characters
        // in lower-case hex.
        assertEquals("{\"reason\":\"客户要求调阅 <理赔>/复印 \\\"原件\\\"\",\"pages\":12,\"amount\":1280.50,\"ratio\":0.25,"
                        + "\"urgent\":true,\"approver\":null,\"loan\":\"{借阅人=王芳, days=14}\",\"items\":\"[理赔申请书, 2]\","
                        + "\"note\":\"第一行\\n\\t第二行\\u001b\"}",
                AuditLog.toJson(details));
    }

    @Test
    void numbersKeepTheirDigitsAndNoDetailsAreAnEmptyObject() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("large", 1e20);
        details.put("long", 12345678901L);
        details.put("float", 0.1f);
        details.put("thousand", new BigDecimal("1E+3"));
        assertEquals("{\"large\":1.0E+20,\"long\":12345678901,\"float\":0.1,\"thousand\":1E+3}", AuditLog.toJson(details));
        assertEquals("{}", AuditLog.toJson(null));
        assertEquals("{}", AuditLog.toJson(Map.of()));
    }
}
