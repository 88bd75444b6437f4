package cn.insurer.archive.api;

import java.util.List;
import java.util.Map;

/**
 * A failure the caller can act on, answered as RFC 9457 problem details. The message is a key in
 * the {@code messages} bundle so that it reaches the user in their language.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String messageKey;
    private final transient Object[] args;
    private final transient List<FieldError> errors;
    private final transient Map<String, Object> extensions;

    public ProblemException(int status, String type, String messageKey, Object[] args,
                            List<FieldError> errors, Map<String, Object> extensions) {
        super(messageKey);
        this.status = status;
        this.type = type;
        this.messageKey = messageKey;
        this.args = args;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static ProblemException badRequest(String messageKey, Object... args) {
        return new ProblemException(400, "bad-request", messageKey, args, null, null);
    }

    public static ProblemException notFound(String messageKey, Object... args) {
        return new ProblemException(404, "not-found", messageKey, args, null, null);
    }

    public static ProblemException forbidden(String messageKey, Object... args) {
        if ("problem.forbidden".equals(messageKey) && args.length == 1 && args[0] instanceof String operation) {
            args = new Object[] {new Messages.Operation(operation)};
        }
        return new ProblemException(403, "forbidden", messageKey, args, null, null);
    }

    public static ProblemException conflict(String messageKey, Object... args) {
        return new ProblemException(409, "conflict", messageKey, args, null, null);
    }

    public static ProblemException conflict(Map<String, Object> extensions, String messageKey, Object... args) {
        return new ProblemException(409, "conflict", messageKey, args, null, extensions);
    }

    public static ProblemException tooLarge(String messageKey, Object... args) {
        return new ProblemException(413, "payload-too-large", messageKey, args, null, null);
    }

    public static ProblemException unsupportedMediaType(String messageKey, Object... args) {
        return new ProblemException(415, "unsupported-media-type", messageKey, args, null, null);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(422, "validation", "problem.validation", new Object[0], errors, null);
    }

    public static ProblemException badFields(List<FieldError> errors) {
        return new ProblemException(400, "bad-request", "problem.validation", new Object[0], errors, null);
    }

    public static ProblemException unavailable(String messageKey, Object... args) {
        return new ProblemException(503, "unavailable", messageKey, args, null, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args == null ? new Object[0] : args.clone();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
