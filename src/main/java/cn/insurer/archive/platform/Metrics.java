package cn.insurer.archive.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The application's metrics, which {@link MetricsServlet} serves to Prometheus. Each feature
 * registers its own: counters and histograms it updates where the event happens, gauges read at
 * each scrape. A gauge that cannot be read (its database query fails) is left out of that scrape
 * and counted in {@value #ERRORS}, so one failing reading never fails the scrape. Metrics carry
 * counts and durations only, never what a dossier holds or who it concerns.
 */
@ApplicationScoped
public class Metrics {

    public static final String ERRORS = "archive_metric_errors_total";
    /** The JPA hint that bounds a gauge's query: a scrape must not hang on a struggling database. */
    public static final String QUERY_TIMEOUT_HINT = "jakarta.persistence.query.timeout";
    public static final int QUERY_TIMEOUT_MILLIS = 2000;
    /** Added to every sample by the exposition ({@code node}) or by histograms ({@code le}). */
    private static final Set<String> RESERVED_LABELS = Set.of("node", "le");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());

    private final ConcurrentMap<String, Family> families = new ConcurrentSkipListMap<>();
    /** Gauges whose last reading failed, so that a database outage is logged once per gauge, not per scrape. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final CounterFamily errors = counters(ERRORS,
            "Gauge readings that failed and were left out of a scrape, by metric", "metric");

    public Counter counter(String name, String help) {
        return counters(name, help, null).child("");
    }

    /** One of a family of counters told apart by one label, e.g. an outcome. */
    public Counter counter(String name, String help, String label, String value) {
        return counters(name, help, requireLabel(label)).child(value);
    }

    /** {@code bounds} are the buckets' upper bounds, ascending; the {@code +Inf} bucket is implied. */
    public Histogram histogram(String name, String help, double... bounds) {
        Family family = register(name, () -> new HistogramFamily(name, help, new Histogram(bounds)));
        if (!(family instanceof HistogramFamily histogram) || !histogram.histogram.sameBounds(bounds)) {
            throw new IllegalArgumentException(name + " is already registered differently");
        }
        return histogram.histogram;
    }

    /** A gauge read at each scrape; a null reading leaves the sample out. */
    public void gauge(String name, String help, Supplier<? extends Number> reading) {
        gauges(name, help, null, () -> {
            Number value = reading.get();
            return value == null ? Map.of() : Map.of("", value);
        });
    }

    /** A family of gauges told apart by one label, read together (one query) at each scrape. */
    public void gauges(String name, String help, String label, Supplier<? extends Map<String, ? extends Number>> readings) {
        GaugeFamily gauge = new GaugeFamily(requireName(name), help, label == null ? null : requireLabel(label), readings);
        families.merge(name, gauge, (existing, replacement) -> {
            if (!(existing instanceof GaugeFamily)) {
                throw new IllegalArgumentException(name + " is already registered as a " + existing.type());
            }
            return replacement;
        });
        // Present, at zero, from the start, so an alert on its rate has a series to look at.
        errors.child(name);
    }

    /** Every family in name order, in the text format, each sample labelled with {@code node}. */
    public String scrape(String node) {
        Map<String, List<Sample>> read = new TreeMap<>();
        families.forEach((name, family) -> {
            if (family != errors) {
                read.put(name, family.read());
            }
        });
        // Last, so that this scrape's failed readings are in the count it shows.
        read.put(ERRORS, errors.read());
        MetricsText text = new MetricsText("node", node);
        read.forEach((name, samples) -> {
            Family family = families.get(name);
            text.family(name, family.type(), family.help());
            samples.forEach(sample -> text.sample(sample.name(), sample.labels(), sample.value()));
        });
        return text.text();
    }

    private CounterFamily counters(String name, String help, String label) {
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter's name ends in _total: " + name);
        }
        Family family = register(name, () -> new CounterFamily(name, help, label));
        if (!(family instanceof CounterFamily counters) || !java.util.Objects.equals(counters.label, label)) {
            throw new IllegalArgumentException(name + " is already registered differently");
        }
        return counters;
    }

    private Family register(String name, Supplier<Family> created) {
        requireName(name);
        return families.computeIfAbsent(name, key -> created.get());
    }

    private static String requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        return name;
    }

    private static String requireLabel(String label) {
        if (!LABEL.matcher(label).matches() || label.startsWith("__") || RESERVED_LABELS.contains(label)) {
            throw new IllegalArgumentException("not a label this registry can use: " + label);
        }
        return label;
    }

    /** One line of a family: its name (with a histogram's suffix), labels as name, value, … and value. */
    record Sample(String name, List<String> labels, Number value) {
    }

    private interface Family {

        String type();

        String help();

        List<Sample> read();
    }

    private static final class CounterFamily implements Family {

        private final String name;
        private final String help;
        private final String label;
        private final ConcurrentMap<String, Counter> children = new ConcurrentSkipListMap<>();

        CounterFamily(String name, String help, String label) {
            this.name = name;
            this.help = help;
            this.label = label;
        }

        Counter child(String value) {
            return children.computeIfAbsent(value == null ? "" : value, key -> new Counter());
        }

        @Override
        public String type() {
            return "counter";
        }

        @Override
        public String help() {
            return help;
        }

        @Override
        public List<Sample> read() {
            List<Sample> samples = new ArrayList<>(children.size());
            children.forEach((value, counter) -> samples.add(new Sample(name, label == null ? List.of() : List.of(label, value),
                    counter.value())));
            return samples;
        }
    }

    private record HistogramFamily(String name, String help, Histogram histogram) implements Family {

        @Override
        public String type() {
            return "histogram";
        }

        @Override
        public List<Sample> read() {
            Histogram.Snapshot snapshot = histogram.snapshot();
            List<Sample> samples = new ArrayList<>(snapshot.bounds().length + 3);
            for (int i = 0; i < snapshot.bounds().length; i++) {
                samples.add(new Sample(name + "_bucket", List.of("le", MetricsText.number(snapshot.bounds()[i])),
                        snapshot.cumulative()[i]));
            }
            samples.add(new Sample(name + "_bucket", List.of("le", "+Inf"), snapshot.count()));
            samples.add(new Sample(name + "_sum", List.of(), snapshot.sum()));
            samples.add(new Sample(name + "_count", List.of(), snapshot.count()));
            return samples;
        }
    }

    private final class GaugeFamily implements Family {

        private final String name;
        private final String help;
        private final String label;
        private final Supplier<? extends Map<String, ? extends Number>> readings;

        GaugeFamily(String name, String help, String label, Supplier<? extends Map<String, ? extends Number>> readings) {
            this.name = name;
            this.help = help;
            this.label = label;
            this.readings = readings;
        }

        @Override
        public String type() {
            return "gauge";
        }

        @Override
        public String help() {
            return help;
        }

        @Override
        public List<Sample> read() {
            Map<String, ? extends Number> values;
            try {
                values = readings.get();
            } catch (RuntimeException e) {
                errors.child(name).increment();
                if (failing.add(name)) {
                    LOG.warning("Metric " + name + " cannot be read and is left out until it can: " + e);
                }
                return List.of();
            }
            if (failing.remove(name)) {
                LOG.info("Metric " + name + " can be read again");
            }
            List<Sample> samples = new ArrayList<>(values.size());
            new TreeMap<>(values).forEach((value, reading) -> {
                if (reading != null) {
                    samples.add(new Sample(name, label == null ? List.of() : List.of(label, value), reading));
                }
            });
            return samples;
        }
    }
}
