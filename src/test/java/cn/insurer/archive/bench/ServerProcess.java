package cn.insurer.archive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The integration server's JVM as the operating system sees it: its memory, and its live heap after a full collection. */
final class ServerProcess {

    private static final Pattern HEAP_USED = Pattern.compile("(?:garbage-first heap|heap)\\s+total\\s+\\d+K, used (\\d+)K");

    private ServerProcess() {
    }

    /** The process of this run's server: other WildFly servers may run on the machine; ours is the one on this run's database. */
    static Optional<Path> find() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                Path cmdline = process.resolve("cmdline");
                if (!process.getFileName().toString().matches("\\d+") || !Files.isReadable(cmdline)) {
                    continue;
                }
                String command = Files.readString(cmdline).replace('\0', ' ');
                if (command.contains("jboss-modules.jar") && command.contains("-Darchive.db.url=" + System.getProperty("it.db.url") + " ")) {
                    return Optional.of(process);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** VmHWM and VmRSS lines of the server's status, or "unknown". */
    static String peakRss() {
        return find().map(process -> {
            try {
                return Files.readAllLines(process.resolve("status")).stream()
                        .filter(line -> line.startsWith("VmHWM") || line.startsWith("VmRSS"))
                        .map(line -> line.replaceAll("\\s+", " ")).toList().toString();
            } catch (IOException e) {
                return "unknown (" + e.getMessage() + ")";
            }
        }).orElse("unknown");
    }

    static long rssKib() {
        Matcher matcher = Pattern.compile("VmRSS: (\\d+)").matcher(peakRss());
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /**
     * The heap still in use after a full collection forced with {@code jcmd}, in MiB, or -1 when it cannot be read.
     * Heap in use between collections says little about a leak; what survives a full collection does.
     */
    static long liveHeapMib() {
        Optional<Path> process = find();
        if (process.isEmpty()) {
            return -1;
        }
        String pid = process.get().getFileName().toString();
        try {
            run(List.of("jcmd", pid, "GC.run"));
            Matcher used = HEAP_USED.matcher(run(List.of("jcmd", pid, "GC.heap_info")));
            return used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!jcmd.waitFor(2, TimeUnit.MINUTES)) {
            jcmd.destroyForcibly();
        }
        return output;
    }
}
