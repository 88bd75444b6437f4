package cn.insurer.archive.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rows read by COPY: the bytes hashed from a binary row are exactly those of the canonical form of
 * the same event, rows are cut right however the bytes arrive, and the ranges cover every row once.
 */
class ChainCopyRowsTest {

    private static final long MICROS_TO_2000 = 946_684_800_000_000L;

    @Test
    void rowsGiveTheCanonicalFormOfEveryKindOfValue() throws IOException {
        List<String> texts = Arrays.asList("clerk", "", null, "档案室", "a\uD83D\uDE00b", "é{\"k\":1}", "x".repeat(300),
                "y".repeat(9), "y".repeat(10), "z".repeat(99), "z".repeat(100), "w".repeat(1000), "v".repeat(12_345),
                "abcdefghij档", "abcdefg\u00e9", "abcdefgh\u00e9");
        long[] micros = {
            Instant.parse("2025-03-31T08:00:00Z").toEpochMilli() * 1000,
            Instant.parse("2025-03-31T08:00:00.120Z").toEpochMilli() * 1000,
            Instant.parse("2025-03-31T08:00:00.123Z").toEpochMilli() * 1000 + 456,
            Instant.parse("2024-02-29T23:59:59.000001Z").toEpochMilli() * 1000 + 1,
            Instant.parse("1970-01-01T00:00:00Z").toEpochMilli() * 1000,
            Instant.parse("9999-12-31T23:59:59.999999Z").toEpochMilli() * 1000 + 999,
            Instant.parse("1969-12-31T23:59:59.5Z").toEpochMilli() * 1000,
            Instant.parse("0900-06-01T12:00:00Z").toEpochMilli() * 1000,
            Instant.parse("2000-03-01T00:00:00Z").toEpochMilli() * 1000,
            Instant.parse("2031-11-09T19:07:05Z").toEpochMilli() * 1000 + 10,
            Instant.parse("2031-11-09T19:07:05.100Z").toEpochMilli() * 1000,
            Instant.parse("2031-11-09T19:07:05.999Z").toEpochMilli() * 1000 + 990,
        };
        long[] seqs = {1, 7, 9, 10, 99, 100, 12_345, 999_999_999_999L, 1_000_000_000_000L, Long.MAX_VALUE, 0, -3};
        CanonicalBytes canonical = new CanonicalBytes();
        int[] fields = new int[CopyTuple.FIELDS];
        int i = 0;
        for (long seq : seqs) {
            for (long epochMicros : micros) {
                for (String text : texts) {
                    String other = texts.get(i++ % texts.size());
                    byte[] row = row(seq, epochMicros - MICROS_TO_2000, text, "DOSSIER_CREATED", other, "SUCCESS", text, other, "abc", "def");
                    assertEquals(row.length, CopyTuple.locate(row, 0, row.length, fields));
                    byte[] form = canonical.of(row, fields);
                    Instant at = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000);
                    String expected = CanonicalForm.of(seq, at, text, "DOSSIER_CREATED", other, "SUCCESS", text, other, "abc");
                    assertEquals(expected, new String(form, 0, canonical.size(), StandardCharsets.UTF_8));
                    assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(form, canonical.size()));
                }
            }
        }
    }

    @Test
    void numbersAreWrittenAsJavaWritesThem() {
        byte[] out = new byte[24];
        for (long value : new long[] {0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 65_536, 1_234_567, 9_999_999_999L,
                10_000_000_000L, 999_999_999_999_999_999L, Long.MAX_VALUE}) {
            int end = Decimals.write(value, out, 1);
            assertEquals(Long.toString(value), new String(out, 1, end - 1, StandardCharsets.US_ASCII));
            assertEquals(Long.toString(value).length(), Decimals.digits(value));
        }
        assertEquals(4, Decimals.fixed(7, 3, out, 1));
        assertEquals("007", new String(out, 1, 3, StandardCharsets.US_ASCII));
        Decimals.fixed(120, 6, out, 0);
        assertEquals("000120", new String(out, 0, 6, StandardCharsets.US_ASCII));
    }

    @Test
    void infiniteTimesAreWrittenAsTheDriverReadsThem() {
        byte[] out = new byte[64];
        int written = new StoredTimestamps().write(Long.MAX_VALUE, out, 0);
        assertEquals(java.time.format.DateTimeFormatter.ISO_INSTANT.format(java.time.OffsetDateTime.MAX.toInstant()),
                new String(out, 0, written, StandardCharsets.US_ASCII));
    }

    @Test
    void theStreamCutsRowsHoweverTheBytesArrive() throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        copy.write(new byte[8]);
        for (long seq = 1; seq <= 2_000; seq++) {
            copy.write(row(seq, seq, "a", "b", null, "SUCCESS", "档".repeat((int) (seq % 500)), "{}", "p", "h"));
        }
        copy.write(new byte[] {-1, -1});
        byte[] bytes = copy.toByteArray();
        for (int chunk : new int[] {1, 7, 4096, bytes.length}) {
            List<Long> seen = new ArrayList<>();
            List<Long> batched = new ArrayList<>();
            CopyRowStream stream = new CopyRowStream(new CopyRowStream.Rows() {
                @Override
                public boolean inOrder(byte[] row, int[] fields) {
                    seen.add(CopyTuple.int64(row, fields[CopyTuple.SEQ]));
                    return true;
                }

                @Override
                public RowBatch empty() {
                    return new RowBatch(1024);
                }

                @Override
                public void full(RowBatch batch) {
                    int[] fields = new int[CopyTuple.FIELDS];
                    int[] located = new int[CopyTuple.FIELDS];
                    for (int r = 0; r < batch.count; r++) {
                        batch.fieldsOf(r, fields);
                        // A row starts with its field count, two bytes before its first field.
                        CopyTuple.locate(batch.bytes, fields[0] - 2, batch.bytes.length, located);
                        assertArrayEquals(located, fields);
                        batched.add(CopyTuple.int64(batch.bytes, fields[CopyTuple.SEQ]));
                    }
                }
            });
            for (int at = 0; at < bytes.length; at += chunk) {
                stream.write(bytes, at, Math.min(chunk, bytes.length - at));
            }
            stream.finish();
            assertFalse(stream.stopped());
            assertEquals(2_000, seen.size(), "chunks of " + chunk);
            assertEquals(seen, batched, "chunks of " + chunk);
            assertTrue(seen.get(1999) == 2_000L);
        }
    }

    @Test
    void readersAreAsConfiguredOrChosenByTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores == 1 ? 1 : Math.min(4, Math.max(2, cores / 2)), ChainVerifier.readers(0));
        assertEquals(3, ChainVerifier.readers(3));
        assertEquals(16, ChainVerifier.readers(16));
        assertThrows(IllegalArgumentException.class, () -> ChainVerifier.readers(-1));
        assertThrows(IllegalArgumentException.class, () -> ChainVerifier.readers(17));
    }

    @Test
    void rangesSelectEveryRowOnce() {
        long size = ChainVerifier.RANGE;
        assertEquals(List.of(""), conditions(ChainVerifier.ranges(0, size)));
        assertEquals(List.of(""), conditions(ChainVerifier.ranges(size, size)));
        assertEquals(List.of(" where seq <= 65536", " where seq > 65536"), conditions(ChainVerifier.ranges(size + 1, size)));
        assertEquals(List.of(" where seq <= 65536", " where seq > 65536 and seq <= 131072", " where seq > 131072"),
                conditions(ChainVerifier.ranges(3 * size, size)));
        assertEquals(List.of(1L, 65537L, 131073L), ChainVerifier.ranges(3 * size, size).stream().map(ChainVerifier.Range::firstSeq).toList());
    }

    private static List<String> conditions(List<ChainVerifier.Range> ranges) {
        return ranges.stream().map(ChainVerifier.Range::condition).toList();
    }

    /** A row as {@code COPY ... (FORMAT binary)} sends it. */
    static byte[] row(long seq, long postgresMicros, String actor, String action, String target, String outcome,
                      String clientAddress, String details, String named, String hash) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(CopyTuple.FIELDS);
        out.writeInt(8);
        out.writeLong(seq);
        out.writeInt(8);
        out.writeLong(postgresMicros);
        for (String text : Arrays.asList(actor, action, target, outcome, clientAddress, details, named, hash)) {
            if (text == null) {
                out.writeInt(-1);
            } else {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        }
        return bytes.toByteArray();
    }
}
