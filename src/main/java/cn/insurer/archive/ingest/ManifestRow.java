package cn.insurer.archive.ingest;

import java.util.Map;

/** One row of a manifest: its number as a spreadsheet shows it (headings are row 1) and its cells by field. */
record ManifestRow(int number, Map<String, String> fields) {

    String get(String field) {
        String value = fields.get(field);
        return value == null || value.isBlank() ? null : value.trim();
    }

    String path() {
        return get(ManifestColumns.PATH);
    }
}
