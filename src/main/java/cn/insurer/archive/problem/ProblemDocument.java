package cn.insurer.archive.problem;

import java.util.Locale;

/**
 * An RFC 9457 problem document as text, for the few places that answer before any REST machinery
 * runs (sign-in refusals in the authentication mechanism).
 */
public final class ProblemDocument {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://archive.insurer.cn/problems/";

    private ProblemDocument() {
    }

    /** The document for a status, a problem type and a message of the {@code messages} bundle. */
    public static String json(int status, String type, Locale locale, String detailKey, Object... args) {
        return "{\"type\":\"" + TYPE_BASE + type + "\",\"title\":\"" + escape(Messages.get(locale, "problem.title." + status))
                + "\",\"status\":" + status + ",\"detail\":\"" + escape(Messages.get(locale, detailKey, args)) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
