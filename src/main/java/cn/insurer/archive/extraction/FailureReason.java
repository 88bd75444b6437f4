package cn.insurer.archive.extraction;

import java.util.regex.Pattern;

/** Turns exceptions into the short reasons stored with a failed document and shown to archivists. */
final class FailureReason {

    static final int MAX_LENGTH = 500;

    /** Tika names parsers by their default toString, e.g. org.apache.tika.parser.DefaultParser@7b94089b. */
    private static final Pattern OBJECT_IDENTITY =
            Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)@[0-9a-f]+\\b");

    private FailureReason() {
    }

    /**
     * Names the exception and, when a wrapper hides it, the root cause: Tika often wraps the informative error
     * (a ZipException, an EOFException) in a generic TikaException.
     */
    static String describe(Throwable error) {
        StringBuilder reason = new StringBuilder(summary(error));
        Throwable root = rootCause(error);
        if (root != error) {
            String rootSummary = summary(root);
            if (reason.indexOf(rootSummary) < 0) {
                reason.append(" (caused by ").append(rootSummary).append(')');
            }
        }
        return trim(reason.toString());
    }

    /** Collapses whitespace so that multi-line messages stay readable in a single table cell. */
    static String trim(String reason) {
        String flat = OBJECT_IDENTITY.matcher(reason).replaceAll("$1").replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_LENGTH ? flat : flat.substring(0, MAX_LENGTH - 3) + "...";
    }

    static boolean isCausedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String summary(Throwable error) {
        String message = error.getMessage();
        String name = error.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 20) {
            root = root.getCause();
        }
        return root;
    }
}
