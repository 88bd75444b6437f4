package cn.insurer.archive.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds {@code application/problem+json} answers. */
public final class ProblemResponses {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    public static final String TYPE_BASE = "https://archive.insurer.cn/problems/";

    private ProblemResponses() {
    }

    public static Response of(ProblemException problem, Locale locale, String instance) {
        Map<String, Object> body = body(problem.status(), problem.type(),
                Messages.get(locale, "problem.title." + problem.status()),
                Messages.get(locale, problem.messageKey(), problem.args()), instance);
        if (!problem.errors().isEmpty()) {
            List<Map<String, String>> errors = new ArrayList<>();
            for (FieldError error : problem.errors()) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("field", error.field());
                entry.put("message", Messages.get(locale, error.messageKey(), error.args()));
                errors.add(entry);
            }
            body.put("errors", errors);
        }
        problem.extensions().forEach(body::putIfAbsent);
        return Response.status(problem.status()).type(PROBLEM_JSON).entity(body).build();
    }

    public static Response of(int status, String type, Locale locale, String detailKey, String instance, Object... args) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(body(status, type, Messages.get(locale, "problem.title." + status),
                        Messages.get(locale, detailKey, args), instance))
                .build();
    }

    /** The same body as text, for places outside JAX-RS (servlet filters, authentication). */
    public static String json(int status, String type, Locale locale, String detailKey, Object... args) {
        return "{\"type\":\"" + TYPE_BASE + type + "\",\"title\":\"" + escape(Messages.get(locale, "problem.title." + status))
                + "\",\"status\":" + status + ",\"detail\":\"" + escape(Messages.get(locale, detailKey, args)) + "\"}";
    }

    private static Map<String, Object> body(int status, String type, String title, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        return body;
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
