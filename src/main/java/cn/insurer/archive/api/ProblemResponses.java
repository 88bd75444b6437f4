package cn.insurer.archive.api;

import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemDocument;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Builds {@code application/problem+json} answers. */
public final class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class.getName());

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    public static final String TYPE_BASE = ProblemDocument.TYPE_BASE;

    private ProblemResponses() {
    }

    /** The HTTP status that answers a kind of problem. */
    public static int status(ProblemException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case INVALID -> 422;
            case UNAVAILABLE -> 503;
        };
    }

    public static Response of(ProblemException problem, Locale locale, String instance) {
        if (problem.getCause() != null) {
            // A part underneath failed (the store is down): the caller gets the bundle's words, the operator these.
            LOG.log(Level.WARNING, problem.getMessage() + " on " + instance + ": " + problem.getCause());
        }
        int status = status(problem.kind());
        Map<String, Object> body = body(status, problem.type(),
                Messages.get(locale, "problem.title." + status),
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
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    public static Response of(int status, String type, Locale locale, String detailKey, String instance, Object... args) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(body(status, type, Messages.get(locale, "problem.title." + status),
                        Messages.get(locale, detailKey, args), instance))
                .build();
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
}
