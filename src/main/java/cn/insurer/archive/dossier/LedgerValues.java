package cn.insurer.archive.dossier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and amounts as ledgers and people write them, read the same wherever a dossier is filed
 * (the desk's form, an import manifest): 2025/6/18, 2025.6.18 or 2025年6月18日 become 2025-06-18,
 * ¥12,800.00 or 12800元 becomes 12800.00. Anything else is passed on as written, for the schema to refuse.
 */
public final class LedgerValues {

    private static final Pattern DATE = Pattern.compile("^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?$");
    private static final Pattern MONEY_MARKS = Pattern.compile("[,，¥￥元\\s]");

    private LedgerValues() {
    }

    public static String date(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = DATE.matcher(value.trim());
        if (!matcher.matches()) {
            return value;
        }
        return String.format("%s-%02d-%02d", matcher.group(1), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
    }

    public static String money(String value) {
        return value == null ? null : MONEY_MARKS.matcher(value).replaceAll("");
    }
}
