package cn.insurer.archive.storage;

/** The upload went past the configured limit; what was written of it has been removed. */
public class UploadTooLargeException extends RuntimeException {

    private final long limit;

    public UploadTooLargeException(long limit) {
        super("upload exceeds " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
