package cn.insurer.archive.retention;

import java.util.Map;

/** Chinese names the retention registers print. */
final class TriggerNames {

    private static final Map<String, String> TRIGGERS = Map.of(
            "POLICY_TERMINATED", "保单终止",
            "CLAIM_CLOSED", "结案",
            "FISCAL_YEAR_END", "会计年度终了",
            "DISPUTE_CLOSED", "纠纷结束",
            "SEALED", "归档");

    private TriggerNames() {
    }

    static String trigger(String code) {
        return code == null ? "" : TRIGGERS.getOrDefault(code, code);
    }
}
