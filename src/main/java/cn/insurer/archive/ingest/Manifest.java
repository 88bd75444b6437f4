package cn.insurer.archive.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A package's manifest: one row per file with the dossier's business key and facts, the item's
 * title and document type, and the file's path in the package. Rows that cannot be read (too long,
 * too many, holding characters no ledger holds) come back as problems, never as a failure of the
 * whole manifest.
 */
record Manifest(List<ManifestRow> rows, Map<Integer, ImportProblem> refused, List<ImportProblem> problems) {

    static final String CSV = "manifest.csv";
    static final String XLSX = "manifest.xlsx";
    /** A ledger row is a few hundred characters; anything far longer is not a manifest row. */
    static final int MAX_ROW_CHARACTERS = 16 * 1024;
    static final long MAX_MANIFEST_BYTES = 64L * 1024 * 1024;
    /** How much of an unknown heading a message repeats. */
    private static final int HEADING_SHOWN = 100;

    /** A row as read from the file, before its cells are given field names. */
    record RawRow(int number, List<String> cells, boolean oversized) {

        boolean blank() {
            return !oversized && cells.stream().allMatch(cell -> cell == null || cell.isBlank());
        }
    }

    /** Where a reader hands its rows one by one, blank ones left out; false when no more are wanted. */
    interface RowSink {
        boolean accept(RawRow row);
    }

    /**
     * Reads {@code manifest.csv} (UTF-8 or GB18030) or {@code manifest.xlsx}, chosen by name; an
     * XLSX is copied to {@code tempDir} first, since its parts are read in an order of their own.
     */
    static Manifest read(String name, InputStream in, int maxRows, Path tempDir) throws IOException {
        Builder builder = new Builder(maxRows);
        if (name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            Files.createDirectories(tempDir);
            Path copy = Files.createTempFile(tempDir, "manifest-", ".xlsx");
            try {
                copy(in, copy);
                XlsxManifest.read(copy, tempDir, builder);
            } finally {
                Files.deleteIfExists(copy);
            }
        } else {
            CsvManifest.read(ManifestText.decode(in.readNBytes((int) MAX_MANIFEST_BYTES + 1), MAX_MANIFEST_BYTES), builder);
        }
        return builder.build();
    }

    private static void copy(InputStream in, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > MAX_MANIFEST_BYTES) {
                    throw new ManifestText.ManifestTooLargeException(MAX_MANIFEST_BYTES);
                }
                out.write(buffer, 0, read);
            }
        }
    }

    /** Gives the first row's headings field names and turns each later row into a manifest row as it comes. */
    static final class Builder implements RowSink {

        private final int maxRows;
        private final List<ManifestRow> rows = new ArrayList<>();
        private final Map<Integer, ImportProblem> refused = new LinkedHashMap<>();
        private final List<ImportProblem> problems = new ArrayList<>();
        private List<String> headings;
        private final List<Optional<String>> fields = new ArrayList<>();
        private boolean done;

        Builder(int maxRows) {
            this.maxRows = maxRows;
        }

        @Override
        public boolean accept(RawRow row) {
            if (done) {
                return false;
            }
            if (headings == null) {
                headings(row.cells());
            } else if (rows.size() == maxRows) {
                problems.add(ImportProblem.of(row.number(), null, "import.manifest.rows.limit", maxRows));
                done = true;
            } else if (row.oversized()) {
                rows.add(new ManifestRow(row.number(), Map.of()));
                refused.put(row.number(), ImportProblem.of(row.number(), null, "import.row.oversized", MAX_ROW_CHARACTERS));
            } else {
                add(row);
            }
            return !done;
        }

        private void headings(List<String> cells) {
            headings = cells;
            for (String heading : cells) {
                Optional<String> field = ManifestColumns.field(heading);
                if (field.isEmpty() && heading != null && !heading.isBlank()) {
                    problems.add(ImportProblem.of(1, null, "import.manifest.column.unknown", shown(heading)));
                }
                fields.add(field);
            }
            for (String required : ManifestColumns.required()) {
                if (fields.stream().noneMatch(field -> field.filter(required::equals).isPresent())) {
                    problems.add(ImportProblem.of(1, null, "import.manifest.column.missing", required));
                    done = true;
                    return;
                }
            }
        }

        /**
         * A row whose field holds a character no ledger holds is refused here, naming the column,
         * before any of it reaches the database; it is kept with those characters shown as "?".
         */
        private void add(RawRow row) {
            Map<String, String> values = new LinkedHashMap<>();
            ImportProblem invalid = null;
            for (int i = 0; i < Math.min(fields.size(), row.cells().size()); i++) {
                Optional<String> field = fields.get(i);
                String value = row.cells().get(i);
                if (field.isEmpty() || values.containsKey(field.get())) {
                    continue;
                }
                int at = value == null ? -1 : SafeText.firstInvalid(value);
                if (at >= 0 && invalid == null) {
                    invalid = ImportProblem.of(row.number(), null, "import.row.character.invalid", shown(headings.get(i)),
                            at + 1, SafeText.codePoint(value, at));
                }
                values.put(field.get(), value);
            }
            if (invalid == null) {
                rows.add(new ManifestRow(row.number(), values));
                return;
            }
            values.replaceAll((field, value) -> SafeText.printable(value));
            ManifestRow kept = new ManifestRow(row.number(), values);
            rows.add(kept);
            refused.put(row.number(), new ImportProblem(row.number(), kept.path(), invalid.chinese(), invalid.english()));
        }

        Manifest build() {
            if (headings == null) {
                problems.add(ImportProblem.of(null, null, "import.manifest.empty"));
            }
            return new Manifest(rows, refused, problems);
        }

        private static String shown(String heading) {
            String clean = SafeText.printable(heading.trim());
            return clean.length() > HEADING_SHOWN ? clean.substring(0, HEADING_SHOWN) + "…" : clean;
        }
    }
}
