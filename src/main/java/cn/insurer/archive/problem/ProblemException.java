package cn.insurer.archive.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure the caller can act on, said in the domain's words: its {@link Kind}, a key in the
 * {@code messages} bundle (so that it reaches the user in their language), the fields at fault and
 * facts to show beside the message. The REST layer answers it as RFC 9457 problem details and the
 * desk as a message; neither is known here.
 */
public class ProblemException extends RuntimeException {

    /** What went wrong, as far as the caller is concerned. */
    public enum Kind {
        /** The request itself is malformed (unreadable body, wrong paging). */
        BAD_REQUEST("bad-request"),
        /** The caller did not say, or could not prove, who they are. */
        UNAUTHENTICATED("unauthorized"),
        FORBIDDEN("forbidden"),
        NOT_FOUND("not-found"),
        /** The request clashes with the record's state or with another record. */
        CONFLICT("conflict"),
        TOO_LARGE("payload-too-large"),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
        /** Well formed, but the values break a rule. */
        INVALID("validation"),
        /** A part the archive depends on is down; trying again later may work. */
        UNAVAILABLE("unavailable");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        /** The problem type named when nothing more precise is given. */
        public String type() {
            return type;
        }
    }

    private final Kind kind;
    private final String type;
    private final String messageKey;
    private final transient Object[] args;
    private final transient List<FieldError> errors;
    private final transient Map<String, Object> extensions;

    public ProblemException(Kind kind, String type, String messageKey, Object[] args,
                            List<FieldError> errors, Map<String, Object> extensions) {
        super(messageKey);
        this.kind = kind;
        this.type = type == null ? kind.type() : type;
        this.messageKey = messageKey;
        this.args = args;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /**
     * A problem that a failure underneath caused (a store that does not answer): its message and
     * cause are for the log, the caller gets the message key's words only.
     */
    protected ProblemException(Kind kind, String type, String messageKey, String logMessage, Throwable cause) {
        super(logMessage, cause);
        this.kind = kind;
        this.type = type == null ? kind.type() : type;
        this.messageKey = messageKey;
        this.args = new Object[0];
        this.errors = List.of();
        this.extensions = Map.of();
    }

    public static ProblemException badRequest(String messageKey, Object... args) {
        return new ProblemException(Kind.BAD_REQUEST, null, messageKey, args, null, null);
    }

    public static ProblemException unauthenticated(String messageKey, Object... args) {
        return new ProblemException(Kind.UNAUTHENTICATED, null, messageKey, args, null, null);
    }

    public static ProblemException notFound(String messageKey, Object... args) {
        return new ProblemException(Kind.NOT_FOUND, null, messageKey, args, null, null);
    }

    public static ProblemException forbidden(String messageKey, Object... args) {
        if ("problem.forbidden".equals(messageKey) && args.length == 1 && args[0] instanceof String operation) {
            args = new Object[] {new Messages.Operation(operation)};
        }
        return new ProblemException(Kind.FORBIDDEN, null, messageKey, args, null, null);
    }

    public static ProblemException conflict(String messageKey, Object... args) {
        return new ProblemException(Kind.CONFLICT, null, messageKey, args, null, null);
    }

    public static ProblemException conflict(Map<String, Object> extensions, String messageKey, Object... args) {
        return new ProblemException(Kind.CONFLICT, null, messageKey, args, null, extensions);
    }

    public static ProblemException tooLarge(String messageKey, Object... args) {
        return new ProblemException(Kind.TOO_LARGE, null, messageKey, args, null, null);
    }

    public static ProblemException unsupportedMediaType(String messageKey, Object... args) {
        return new ProblemException(Kind.UNSUPPORTED_MEDIA_TYPE, null, messageKey, args, null, null);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(Kind.INVALID, null, "problem.validation", new Object[0], errors, null);
    }

    /** A rule broken by the record as a whole, under its own problem type (such as {@code incomplete}). */
    public static ProblemException invalid(String type, Map<String, Object> extensions, String messageKey, Object... args) {
        return new ProblemException(Kind.INVALID, type, messageKey, args, null, extensions);
    }

    public static ProblemException badFields(List<FieldError> errors) {
        return new ProblemException(Kind.BAD_REQUEST, null, "problem.validation", new Object[0], errors, null);
    }

    public static ProblemException unavailable(String messageKey, Object... args) {
        return new ProblemException(Kind.UNAVAILABLE, null, messageKey, args, null, null);
    }

    public Kind kind() {
        return kind;
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
