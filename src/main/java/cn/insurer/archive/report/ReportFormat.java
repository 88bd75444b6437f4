package cn.insurer.archive.report;

import java.util.Locale;

/** The forms a register can be downloaded in. */
public enum ReportFormat {
    CSV("text/csv;charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    PDF("application/pdf", "pdf");

    private final String mediaType;
    private final String extension;

    ReportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public static ReportFormat parse(String value) {
        return value == null || value.isBlank() ? CSV : valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
