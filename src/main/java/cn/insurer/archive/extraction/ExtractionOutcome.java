package cn.insurer.archive.extraction;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Result of extracting one document.
 *
 * @param status     how the extraction ended
 * @param reason     human-readable cause for {@code FAILED}/{@code UNSUPPORTED}, {@code null} for {@code DONE}
 * @param pages      page count reported by the format, or -1 when the format has no notion of pages
 * @param characters number of characters written to {@code textFile}
 * @param mediaType  detected media type without parameters, {@code null} when unknown
 * @param truncated  the text was cut at the configured character limit
 * @param textFile   UTF-8 text for {@code DONE}, otherwise {@code null}; the caller owns and deletes it
 */
public record ExtractionOutcome(ExtractionStatus status, String reason, int pages, long characters,
                                String mediaType, boolean truncated, Path textFile) {

    public static final int UNKNOWN_PAGES = -1;

    public ExtractionOutcome {
        Objects.requireNonNull(status, "status");
        if (status != ExtractionStatus.DONE) {
            Objects.requireNonNull(reason, "reason");
        }
    }

    public static ExtractionOutcome done(int pages, long characters, String mediaType, boolean truncated,
                                         Path textFile) {
        return new ExtractionOutcome(ExtractionStatus.DONE, null, pages, characters, mediaType, truncated, textFile);
    }

    public static ExtractionOutcome failed(String reason) {
        return new ExtractionOutcome(ExtractionStatus.FAILED, reason, UNKNOWN_PAGES, 0, null, false, null);
    }

    public static ExtractionOutcome unsupported(String mediaType, String reason) {
        return new ExtractionOutcome(ExtractionStatus.UNSUPPORTED, reason, UNKNOWN_PAGES, 0, mediaType, false, null);
    }

    public boolean isDone() {
        return status == ExtractionStatus.DONE;
    }
}
