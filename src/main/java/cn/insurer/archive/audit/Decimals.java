package cn.insurer.archive.audit;

/**
 * Writes non-negative numbers as ASCII decimal digits, two at a time from a table: verification
 * writes several numbers for every event (its sequence number, each field's length, the time's
 * fraction), and dividing by ten for every digit was a tenth of its hashing threads' time.
 */
final class Decimals {

    /** The two digits of 0 to 99, at twice the value. */
    private static final byte[] PAIRS = new byte[200];
    private static final long[] POWERS = new long[19];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        long power = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = power;
            power *= 10;
        }
    }

    private Decimals() {
    }

    /** How many digits {@code value} (not negative) is written with. */
    static int digits(long value) {
        int digits = 1;
        while (digits < POWERS.length && value >= POWERS[digits]) {
            digits++;
        }
        return digits;
    }

    /** Writes {@code value} (not negative) at {@code at}; returns the position after it. */
    static int write(long value, byte[] to, int at) {
        if (value < 10) {
            to[at] = (byte) ('0' + value);
            return at + 1;
        }
        if (value < 100) {
            int pair = 2 * (int) value;
            to[at] = PAIRS[pair];
            to[at + 1] = PAIRS[pair + 1];
            return at + 2;
        }
        return fixed(value, digits(value), to, at);
    }

    /** Writes {@code value} (not negative) in exactly {@code width} digits, zeros in front. */
    static int fixed(long value, int width, byte[] to, int at) {
        int p = at + width;
        while (p - at >= 2) {
            int pair = 2 * (int) (value % 100);
            value /= 100;
            to[--p] = PAIRS[pair + 1];
            to[--p] = PAIRS[pair];
        }
        if (p > at) {
            to[--p] = (byte) ('0' + value % 10);
        }
        return at + width;
    }
}
