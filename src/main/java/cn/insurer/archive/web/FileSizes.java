package cn.insurer.archive.web;

import java.util.Locale;

/** A file's size as people say it: "1.1 MB", not "1,182,778 B". Binary units, as file managers show them. */
public final class FileSizes {

    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private FileSizes() {
    }

    /** Bytes under a kilobyte as they are; larger sizes in the largest unit that keeps the figure at 1 or more, to one decimal. */
    public static String of(Long bytes) {
        if (bytes == null) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.96 KB rounds to "1024.0 KB"; say "1.0 MB" instead.
        if (Math.round(value * 10) >= 10240 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
