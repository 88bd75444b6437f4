package cn.insurer.archive.report;

/** One column of a register: its Chinese heading (printed) and relative width (for PDF). */
public record ReportColumn(String heading, int width) {
}
