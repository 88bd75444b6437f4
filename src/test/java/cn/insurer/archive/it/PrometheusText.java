package cn.insurer.archive.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Prometheus's text exposition format (0.0.4) strictly, as a scraper would: every sample
 * belongs to a family whose {@code # TYPE} came before it, label values are unescaped, and any
 * line that does not parse fails the read.
 */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> helps = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    public record Sample(String family, String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    public static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                parsed.read(line);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + number + " does not parse: " + line + " (" + e.getMessage() + ")", e);
            }
        }
        return parsed;
    }

    private void read(String line) {
        Matcher comment = COMMENT.matcher(line);
        if (comment.matches()) {
            String name = comment.group(2);
            if (comment.group(1).equals("TYPE")) {
                if (!List.of("counter", "gauge", "histogram", "summary", "untyped").contains(comment.group(3))) {
                    throw new IllegalArgumentException("unknown type " + comment.group(3));
                }
                if (types.put(name, comment.group(3)) != null) {
                    throw new IllegalArgumentException("second TYPE for " + name);
                }
            } else {
                helps.put(name, unescapeHelp(comment.group(3)));
            }
            return;
        }
        if (line.startsWith("#")) {
            return;
        }
        Matcher sample = SAMPLE.matcher(line);
        if (!sample.matches()) {
            throw new IllegalArgumentException("not a sample");
        }
        String name = sample.group(1);
        String family = familyOf(name);
        samples.add(new Sample(family, name, labels(sample.group(2) == null ? "" : sample.group(2)), value(sample.group(3))));
    }

    private String familyOf(String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base))) {
                    return base;
                }
            }
        }
        throw new IllegalArgumentException("sample " + name + " before its family's TYPE");
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            String name = text.substring(i, equals);
            if (!LABEL_NAME.matcher(name).matches() || text.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("bad label at " + i);
            }
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (text.charAt(j) != '"') {
                char c = text.charAt(j);
                if (c == '\\') {
                    char next = text.charAt(++j);
                    switch (next) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException("bad escape \\" + next);
                    }
                } else if (c == '\n') {
                    throw new IllegalArgumentException("raw newline in a label value");
                } else {
                    value.append(c);
                }
                j++;
            }
            if (labels.put(name, value.toString()) != null) {
                throw new IllegalArgumentException("label " + name + " twice");
            }
            i = j + 1;
            if (i < text.length()) {
                if (text.charAt(i) != ',') {
                    throw new IllegalArgumentException("expected a comma at " + i);
                }
                i++;
            }
        }
        return labels;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static String unescapeHelp(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    public Optional<String> help(String family) {
        return Optional.ofNullable(helps.get(family));
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The samples of one name whose labels include all of {@code labels} (name, value, …). */
    public List<Sample> samples(String name, String... labels) {
        return samples.stream().filter(sample -> sample.name().equals(name)).filter(sample -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** The one sample of that name and labels. */
    public double value(String name, String... labels) {
        List<Sample> found = samples(name, labels);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + " " + List.of(labels) + ", found " + found);
        }
        return found.get(0).value();
    }
}
