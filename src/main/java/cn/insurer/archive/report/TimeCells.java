package cn.insurer.archive.report;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A register's time cells as people read them. Registers read timestamps as ISO instants (UTC,
 * to the nanosecond); every format a person opens shows them in the archive's zone instead.
 */
final class TimeCells implements RowSink {

    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

    private final RowSink sink;
    private final DateTimeFormatter times;

    /** Passes rows on to {@code sink} with every ISO instant written by {@code times}. */
    TimeCells(RowSink sink, DateTimeFormatter times) {
        this.sink = sink;
        this.times = times;
    }

    /** An ISO instant in {@code times}; any other cell as it is. */
    static String shown(String cell, DateTimeFormatter times) {
        if (cell != null && INSTANT.matcher(cell).matches()) {
            try {
                return times.format(Instant.parse(cell));
            } catch (DateTimeParseException notAnInstant) {
                return cell;
            }
        }
        return cell;
    }

    @Override
    public void row(List<String> cells) throws IOException {
        sink.row(cells.stream().map(cell -> shown(cell, times)).toList());
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }
}
