package cn.insurer.archive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU seconds spent by the processes a bench run involves, read from {@code /proc}: the server, its
 * extraction children, PostgreSQL, the object store and the bench's own JVM. Two readings taken
 * around a stage tell where that stage's CPU went, which wall-clock throughput alone does not on
 * two shared cores.
 */
final class ProcessCpu {

    /** Linux reports process times in clock ticks of 1/100 s on every platform this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final List<String> GROUPS = List.of("server", "extraction children", "PostgreSQL", "object store", "bench JVM", "whole machine");

    /**
     * The server's own CPU by what its threads do, told apart by the names the JVM gives them: the
     * just-in-time compilers, the garbage collector, and the rest (the application, with whatever
     * threads ended before the reading).
     */
    private static final List<String> SERVER_PARTS = List.of("compilers", "garbage collector", "application");

    private final Map<String, Double> seconds;
    /** Every other process's CPU seconds by its command name, to name what else took the machine's time. */
    private final Map<String, Double> others;

    private final Map<String, Double> serverParts;

    private ProcessCpu(Map<String, Double> seconds, Map<String, Double> others, Map<String, Double> serverParts) {
        this.seconds = seconds;
        this.others = others;
        this.serverParts = serverParts;
    }

    static ProcessCpu read() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Double> others = new HashMap<>();
        Map<String, Double> serverParts = new HashMap<>();
        GROUPS.forEach(group -> seconds.put(group, 0.0));
        long server = ServerProcess.find().map(p -> Long.parseLong(p.getFileName().toString())).orElse(-1L);
        long bench = ProcessHandle.current().pid();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                String name = process.getFileName().toString();
                if (!name.matches("\\d+")) {
                    continue;
                }
                stat(process).ifPresent(stat -> {
                    long pid = Long.parseLong(name);
                    String group = pid == server ? "server"
                            : stat.parent() == server ? "extraction children"
                            : stat.command().equals("postgres") ? "PostgreSQL"
                            : pid == bench ? "bench JVM"
                            : commandLine(process).contains("s3proxy") ? "object store"
                            : null;
                    // What a process's ended children used is counted in its reaped time: a restarted
                    // extractor in the server's, a closed connection's backend in PostgreSQL's postmaster.
                    if (pid == server) {
                        seconds.merge(group, stat.ownSeconds(), Double::sum);
                        serverParts.putAll(threads(process, stat.ownSeconds()));
                        seconds.merge("extraction children", stat.reapedSeconds(), Double::sum);
                    } else if (group != null) {
                        seconds.merge(group, stat.ownSeconds() + stat.reapedSeconds(), Double::sum);
                    } else {
                        others.merge(stat.command(), stat.ownSeconds() + stat.reapedSeconds(), Double::sum);
                    }
                });
            }
            seconds.put("whole machine", machineBusySeconds());
        } catch (IOException e) {
            // A bench that cannot read /proc still reports its throughput; the ledger stays at zero.
        }
        return new ProcessCpu(seconds, others, serverParts);
    }

    /** A process's own CPU split by its threads' names; threads that ended count as application. */
    private static Map<String, Double> threads(Path process, double own) {
        Map<String, Double> parts = new HashMap<>();
        try (Stream<Path> threads = Files.list(process.resolve("task"))) {
            for (Path thread : threads.toList()) {
                stat(thread).ifPresent(stat -> {
                    String name = stat.command();
                    String part = name.contains("CompilerThre") ? "compilers"
                            : name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread") ? "garbage collector"
                            : null;
                    if (part != null) {
                        parts.merge(part, stat.ownSeconds(), Double::sum);
                    }
                });
            }
        } catch (IOException e) {
            return Map.of();
        }
        parts.put("application", own - parts.getOrDefault("compilers", 0.0) - parts.getOrDefault("garbage collector", 0.0));
        return parts;
    }

    /** CPU seconds per group between {@code before} and this reading, as one report line. */
    String since(ProcessCpu before) {
        StringBuilder line = new StringBuilder("CPU seconds:");
        for (String group : GROUPS) {
            line.append(String.format(" %s %.1f;", group, seconds.get(group) - before.seconds.get(group)));
            if (group.equals("server")) {
                line.append(" of it");
                SERVER_PARTS.forEach(part -> line.append(String.format(" %s %.1f", part,
                        serverParts.getOrDefault(part, 0.0) - before.serverParts.getOrDefault(part, 0.0))));
                line.append(";");
            }
        }
        double grouped = GROUPS.stream().filter(group -> !group.equals("whole machine"))
                .mapToDouble(group -> seconds.get(group) - before.seconds.get(group)).sum();
        line.append(String.format(" other %.1f, of it", seconds.get("whole machine") - before.seconds.get("whole machine") - grouped));
        others.entrySet().stream()
                .map(other -> Map.entry(other.getKey(), other.getValue() - before.others.getOrDefault(other.getKey(), 0.0)))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4)
                .forEach(other -> line.append(String.format(" %s %.1f", other.getKey(), other.getValue())));
        return line.toString();
    }

    private record Stat(String command, long parent, double ownSeconds, double reapedSeconds) {
    }

    /** The fields after the command's closing parenthesis, since a command may itself hold spaces. */
    private static Optional<Stat> stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String[] fields = stat.substring(close + 2).split(" ");
            double own = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            double reaped = (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
            return Optional.of(new Stat(stat.substring(open + 1, close), Long.parseLong(fields[1]), own, reaped));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the process ended while being read
        }
    }

    private static String commandLine(Path process) {
        try {
            return Files.readString(process.resolve("cmdline"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Every core's user, nice, system, irq and softirq time from the first line of /proc/stat. */
    private static double machineBusySeconds() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7}) {
            busy += Long.parseLong(cpu[i]);
        }
        return busy / TICKS_PER_SECOND;
    }
}
