package cn.insurer.archive.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a CSV manifest. Branches save ledgers from Excel either as UTF-8 (often with a byte order
 * mark) or in the Windows code page GB18030; text that is not valid UTF-8 is read as GB18030.
 */
final class ManifestText {

    static final Charset GB18030 = Charset.forName("GB18030");

    private ManifestText() {
    }

    static String decode(byte[] bytes, long maxBytes) {
        if (bytes.length > maxBytes) {
            throw new ManifestTooLargeException(maxBytes);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, GB18030);
        }
    }

    /** The manifest is larger than any ledger could be. */
    static final class ManifestTooLargeException extends RuntimeException {

        final long limit;

        ManifestTooLargeException(long limit) {
            super("manifest larger than " + limit + " bytes");
            this.limit = limit;
        }
    }
}
