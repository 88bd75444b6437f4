package cn.insurer.archive.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes a PostgreSQL {@code timestamptz} in its binary form (microseconds since 2000-01-01 UTC)
 * exactly as {@link CanonicalForm} writes the instant: ISO-8601 in UTC, with a fraction of three
 * or six digits only when it is not zero. The years 1970 to 9999 are written directly, since they
 * are every event's; any other value goes through the formatter the canonical form uses.
 * Events come many to a second, so the date and time of the last second written are kept and
 * copied: one instance per thread.
 */
final class StoredTimestamps {

    private static final int SECOND_LENGTH = 19; // 2025-03-31T08:00:00
    private static final long MICROS_FROM_EPOCH_TO_2000 = 946_684_800L * 1_000_000L;
    private static final long LAST_FAST_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private final byte[] second = new byte[SECOND_LENGTH];
    private long secondWritten = Long.MIN_VALUE;

    /** Writes the form at {@code to}; returns the number of bytes written, at most 64. */
    int write(long postgresMicros, byte[] to, int at) {
        long epochMicros = postgresMicros + MICROS_FROM_EPOCH_TO_2000;
        if (epochMicros < 0 || postgresMicros > Long.MAX_VALUE - MICROS_FROM_EPOCH_TO_2000
                || epochMicros / 1_000_000 > LAST_FAST_SECOND) {
            byte[] text = DateTimeFormatter.ISO_INSTANT.format(instant(postgresMicros)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, to, at, text.length);
            return text.length;
        }
        long seconds = epochMicros / 1_000_000;
        int micros = (int) (epochMicros % 1_000_000);
        if (seconds != secondWritten) {
            writeSecond(seconds, second);
            secondWritten = seconds;
        }
        System.arraycopy(second, 0, to, at, SECOND_LENGTH);
        int p = at + SECOND_LENGTH;
        if (micros != 0) {
            to[p++] = '.';
            p = micros % 1000 == 0 ? Decimals.fixed(micros / 1000, 3, to, p) : Decimals.fixed(micros, 6, to, p);
        }
        to[p++] = 'Z';
        return p - at;
    }

    private static void writeSecond(long seconds, byte[] to) {
        long days = seconds / 86_400;
        int secondOfDay = (int) (seconds % 86_400);
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian like java.time).
        long z = days + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int p = 0;
        p = Decimals.fixed(year, 4, to, p);
        to[p++] = '-';
        p = Decimals.fixed(month, 2, to, p);
        to[p++] = '-';
        p = Decimals.fixed(day, 2, to, p);
        to[p++] = 'T';
        p = Decimals.fixed(secondOfDay / 3600, 2, to, p);
        to[p++] = ':';
        p = Decimals.fixed(secondOfDay / 60 % 60, 2, to, p);
        to[p++] = ':';
        Decimals.fixed(secondOfDay % 60, 2, to, p);
    }

    /** The instant the driver reads for the value, infinities included. */
    static Instant instant(long postgresMicros) {
        if (postgresMicros == Long.MAX_VALUE) {
            return OffsetDateTime.MAX.toInstant();
        }
        if (postgresMicros == Long.MIN_VALUE) {
            return OffsetDateTime.MIN.toInstant();
        }
        long epochSeconds = Math.floorDiv(postgresMicros, 1_000_000L) + 946_684_800L;
        return Instant.ofEpochSecond(epochSeconds, Math.floorMod(postgresMicros, 1_000_000L) * 1000L);
    }
}
