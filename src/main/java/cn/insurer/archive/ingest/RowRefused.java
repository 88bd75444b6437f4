package cn.insurer.archive.ingest;

/** A row that cannot be imported for a reason of the package itself: its path, its file, the limits. */
final class RowRefused extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    RowRefused(String messageKey, Object... args) {
        super(messageKey);
        this.messageKey = messageKey;
        this.args = args;
    }

    ImportProblem problem(Integer row, String path) {
        return ImportProblem.of(row, path, messageKey, args);
    }
}
