package cn.insurer.archive.dossier;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * How a correction is recorded in its audit event: each changed field as its new value and, beside
 * it, {@code previous<Field>} with the value it replaced. Amounts equal in value are the same.
 */
final class ChangeDetails {

    private ChangeDetails() {
    }

    static void changed(Map<String, Object> details, String field, Object before, Object after) {
        boolean same = before instanceof BigDecimal b && after instanceof BigDecimal a ? b.compareTo(a) == 0
                : Objects.equals(before, after);
        if (!same) {
            details.put(field, after == null ? null : after.toString());
            details.put("previous" + Character.toUpperCase(field.charAt(0)) + field.substring(1),
                    before == null ? null : before.toString());
        }
    }
}
