package cn.insurer.archive.it;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the archive promises after a fault, checked on a server of a test's own (its database and
 * bucket): every item row has its bytes, every registered object is in the bucket, no upload left
 * in the staging folder, the extraction queue's states. Also the figures' small helpers.
 */
final class ArchiveChecks {

    private ArchiveChecks() {
    }

    /** The bucket's object keys. */
    static Set<String> bucketKeys(String endpoint, String accessKey, String secretKey, String bucket) throws Exception {
        MinioClient store = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).build();
        Set<String> keys = new HashSet<>();
        for (Result<Item> result : store.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            keys.add(result.get().objectName());
        }
        return keys;
    }

    /** Item rows, and registered objects, whose content is not among the keys: both must be empty. */
    static List<String> rowsWithoutObject(String dbUrl, Set<String> keys) {
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> row : Database.queryOn(dbUrl, "select id, trim(sha256) as sha256 from item")) {
            if (!keys.contains(contentKey((String) row.get("sha256")))) {
                missing.add("item " + row.get("id") + " " + row.get("sha256"));
            }
        }
        for (Map<String, Object> row : Database.queryOn(dbUrl, "select trim(sha256) as sha256 from stored_object")) {
            if (!keys.contains(contentKey((String) row.get("sha256")))) {
                missing.add("registered object " + row.get("sha256"));
            }
        }
        return missing;
    }

    static long contentObjects(Set<String> keys) {
        return keys.stream().filter(key -> key.startsWith("sha256/")).count();
    }

    private static String contentKey(String hex) {
        return "sha256/" + hex.substring(0, 2) + "/" + hex;
    }

    /** Items by extraction state name. */
    static Map<String, Long> extractionStates(String dbUrl) {
        Map<String, Long> states = new TreeMap<>();
        for (Map<String, Object> row : Database.queryOn(dbUrl, "select extraction_state as state, count(*) as n from item group by 1")) {
            states.put((String) row.get("state"), ((Number) row.get("n")).longValue());
        }
        return states;
    }

    static boolean settled(Map<String, Long> states) {
        return !states.containsKey("PENDING") && !states.containsKey("RUNNING");
    }

    /** Uploads being staged or left behind in a server's staging folder ({@code data/tmp}). */
    static List<Path> staged(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith("upload-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String seconds(Instant since) {
        return seconds(Duration.between(since, Instant.now()));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
