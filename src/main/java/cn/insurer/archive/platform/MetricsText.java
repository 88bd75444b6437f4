package cn.insurer.archive.platform;

import java.util.List;

/**
 * Prometheus's text exposition format, version 0.0.4: per family a {@code # HELP} and a
 * {@code # TYPE} line, then its samples, each carrying the node it was read on.
 */
final class MetricsText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);
    private final String constantLabel;

    MetricsText(String label, String value) {
        this.constantLabel = label + "=\"" + escapeLabelValue(value) + "\"";
    }

    void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** {@code labels} alternate name and value. */
    void sample(String name, List<String> labels, Number value) {
        out.append(name).append('{').append(constantLabel);
        for (int i = 0; i < labels.size(); i += 2) {
            out.append(',').append(labels.get(i)).append("=\"").append(escapeLabelValue(labels.get(i + 1))).append('"');
        }
        out.append("} ").append(number(value)).append('\n');
    }

    String text() {
        return out.toString();
    }

    static String number(Number value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Long.toString(value.longValue());
        }
        return number(value.doubleValue());
    }

    /** As Go's parser reads them, which is what Prometheus runs. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }

    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
