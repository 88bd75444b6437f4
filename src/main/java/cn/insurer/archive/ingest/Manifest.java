package cn.insurer.archive.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A package's manifest: one row per file with the dossier's business key and facts, the item's
 * title and document type, and the file's path in the package. Rows that cannot be read (too long,
 * too many) come back as problems, never as a failure of the whole manifest.
 */
record Manifest(List<ManifestRow> rows, Map<Integer, ImportProblem> refused, List<ImportProblem> problems) {

    static final String CSV = "manifest.csv";
    static final String XLSX = "manifest.xlsx";
    /** A ledger row is a few hundred characters; anything far longer is not a manifest row. */
    static final int MAX_ROW_CHARACTERS = 16 * 1024;
    static final long MAX_MANIFEST_BYTES = 64L * 1024 * 1024;

    /** A row as read from the file, before its cells are given field names. */
    record RawRow(int number, List<String> cells, boolean oversized) {

        boolean blank() {
            return !oversized && cells.stream().allMatch(cell -> cell == null || cell.isBlank());
        }
    }

    /** Reads {@code manifest.csv} (UTF-8 or GB18030) or {@code manifest.xlsx}, chosen by name. */
    static Manifest read(String name, InputStream in, int maxRows) throws IOException {
        List<RawRow> raw = name.toLowerCase(Locale.ROOT).endsWith(".xlsx")
                ? XlsxManifest.rows(in, maxRows + 2)
                : CsvManifest.rows(ManifestText.decode(in.readNBytes((int) MAX_MANIFEST_BYTES + 1), MAX_MANIFEST_BYTES), maxRows + 2);
        return of(raw, maxRows);
    }

    static Manifest of(List<RawRow> raw, int maxRows) {
        List<ImportProblem> problems = new ArrayList<>();
        if (raw.isEmpty()) {
            problems.add(ImportProblem.of(null, null, "import.manifest.empty"));
            return new Manifest(List.of(), Map.of(), problems);
        }
        List<String> headings = raw.get(0).cells();
        List<Optional<String>> fields = new ArrayList<>();
        for (String heading : headings) {
            Optional<String> field = ManifestColumns.field(heading);
            if (field.isEmpty() && heading != null && !heading.isBlank()) {
                problems.add(ImportProblem.of(1, null, "import.manifest.column.unknown", heading.trim()));
            }
            fields.add(field);
        }
        for (String required : ManifestColumns.required()) {
            if (fields.stream().noneMatch(field -> field.filter(required::equals).isPresent())) {
                problems.add(ImportProblem.of(1, null, "import.manifest.column.missing", required));
                return new Manifest(List.of(), Map.of(), problems);
            }
        }
        List<ManifestRow> rows = new ArrayList<>();
        Map<Integer, ImportProblem> refused = new LinkedHashMap<>();
        for (RawRow row : raw.subList(1, raw.size())) {
            if (rows.size() == maxRows) {
                problems.add(ImportProblem.of(row.number(), null, "import.manifest.rows.limit", maxRows));
                break;
            }
            if (row.oversized()) {
                rows.add(new ManifestRow(row.number(), Map.of()));
                refused.put(row.number(), ImportProblem.of(row.number(), null, "import.row.oversized", MAX_ROW_CHARACTERS));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(fields.size(), row.cells().size()); i++) {
                int column = i;
                fields.get(i).ifPresent(field -> values.putIfAbsent(field, row.cells().get(column)));
            }
            rows.add(new ManifestRow(row.number(), values));
        }
        return new Manifest(rows, refused, problems);
    }
}
