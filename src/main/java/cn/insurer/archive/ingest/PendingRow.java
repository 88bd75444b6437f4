package cn.insurer.archive.ingest;

import java.util.Map;

/** A row still to be imported, as stored when the manifest was read. */
record PendingRow(int number, String path, Map<String, String> fields) {

    ManifestRow manifestRow() {
        return new ManifestRow(number, fields);
    }
}
