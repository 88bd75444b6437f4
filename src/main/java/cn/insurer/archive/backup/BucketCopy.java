package cn.insurer.archive.backup;

import cn.insurer.archive.platform.Sha256;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies the bucket's objects to a folder and back, each with its SHA-256. Content objects are
 * named by their hash, so a copy that does not hash to its name is refused in both directions.
 */
final class BucketCopy {

    /** A content object's key: {@code sha256/ab/abcdef…}. */
    private static final Pattern CONTENT_KEY = Pattern.compile("sha256/[0-9a-f]{2}/([0-9a-f]{64})");
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    /** One object in a backup: its key, size and SHA-256 of the bytes as they were copied. */
    record Entry(String key, long size, String sha256) {

        /** A content object whose bytes no longer hash to its name: damaged in the bucket before the backup. */
        boolean damaged() {
            Matcher content = CONTENT_KEY.matcher(key);
            return content.matches() && !content.group(1).equals(sha256);
        }

        String line() {
            return sha256 + "\t" + size + "\t" + key;
        }

        static Entry parse(String line) {
            String[] parts = line.split("\t", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a manifest line: " + line);
            }
            return new Entry(parts[2], Long.parseLong(parts[1]), parts[0]);
        }
    }

    private final MinioClient client;
    private final String bucket;

    BucketCopy(BackupSettings settings) {
        client = MinioClient.builder().endpoint(settings.s3Endpoint()).region(settings.s3Region())
                .credentials(settings.s3AccessKey(), settings.s3SecretKey()).build();
        bucket = settings.bucket();
    }

    List<Entry> download(Path folder, Consumer<Integer> progress) throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (Result<Item> listed : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            String key = listed.get().objectName();
            Path target = inside(folder, key);
            Files.createDirectories(target.getParent());
            MessageDigest sha256 = Sha256.digest();
            long size;
            try (InputStream in = new DigestInputStream(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()), sha256);
                 OutputStream out = Files.newOutputStream(target)) {
                size = in.transferTo(out);
            }
            // A damaged object is copied as found: the backup mirrors the bucket, and the custody
            // check, not the backup, is where damage is reported and repaired.
            entries.add(new Entry(key, size, HexFormat.of().formatHex(sha256.digest())));
            progress.accept(entries.size());
        }
        return entries;
    }

    boolean isEmpty() throws Exception {
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            return true;
        }
        return !client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).maxKeys(1).build()).iterator().hasNext();
    }

    void upload(Path folder, List<Entry> entries, Consumer<Integer> progress) throws Exception {
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        int done = 0;
        for (Entry entry : entries) {
            Path source = inside(folder, entry.key());
            // Hashed before it is sent: a damaged backup file must not become the archive's copy.
            MessageDigest sha256 = Sha256.digest();
            try (InputStream in = new DigestInputStream(Files.newInputStream(source), sha256)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            String found = HexFormat.of().formatHex(sha256.digest());
            if (!found.equals(entry.sha256()) || Files.size(source) != entry.size()) {
                throw new IOException("the backup's copy of " + entry.key() + " is damaged (SHA-256 " + found + ")");
            }
            try (InputStream in = Files.newInputStream(source)) {
                client.putObject(PutObjectArgs.builder().bucket(bucket).object(entry.key())
                        .stream(in, entry.size(), -1).build());
            }
            progress.accept(++done);
        }
    }

    /** Keys become paths under the folder; none may climb out of it. */
    static Path inside(Path folder, String key) {
        if (!SAFE_KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("object key not allowed in a backup: " + key);
        }
        return folder.resolve(key);
    }
}
