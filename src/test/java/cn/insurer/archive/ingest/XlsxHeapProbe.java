package cn.insurer.archive.ingest;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a manifest in a JVM of its own, started by {@link XlsxHeapTest} with a small heap: it
 * either finishes, printing what it read and its peak heap, or dies of an OutOfMemoryError.
 */
public final class XlsxHeapProbe {

    private XlsxHeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            manifest = Manifest.read("manifest.xlsx", in, Integer.parseInt(args[2]), Path.of(args[1]));
        }
        System.out.println("rows=" + manifest.rows().size());
        System.out.println("last=" + manifest.rows().get(manifest.rows().size() - 1).number());
        manifest.problems().forEach(problem -> System.out.println("problem=" + problem.row() + " " + problem.english()));
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("peakHeapMiB=" + peak / (1024 * 1024));
    }
}
