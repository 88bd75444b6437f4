package cn.insurer.archive.bench;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.UploadObjectArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a skeptic would time for the import's filing stage, on the same files and with as many
 * threads as the import has slots: each file PUT to the S3 server as it is (the MinIO client's
 * {@code uploadObject}, into a bucket of its own), and one plain INSERT of a row per file in a
 * transaction of its own (autocommit, into a scratch table dropped afterwards).
 */
final class StageBaselines {

    private static final String BUCKET = "bench-raw-put";

    private StageBaselines() {
    }

    static double rawPut(List<Path> files, int threads, String marker) throws Exception {
        MinioClient s3 = MinioClient.builder().endpoint(System.getProperty("it.s3.endpoint"))
                .credentials(System.getProperty("it.s3.access.key"), System.getProperty("it.s3.secret.key")).build();
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket(BUCKET).build())) {
            s3.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        }
        return onThreads(threads, (first, step) -> {
            for (int i = first; i < files.size(); i += step) {
                s3.uploadObject(UploadObjectArgs.builder().bucket(BUCKET).object(marker + "/" + i)
                        .filename(files.get(i).toString()).build());
            }
        });
    }

    static double bareInsert(List<Path> files, int threads, String marker) throws Exception {
        String table = "bench_bare_insert_" + marker;
        try (Connection db = connect(); Statement ddl = db.createStatement()) {
            ddl.execute("create table " + table + " (id bigserial primary key, path text not null, size bigint not null)");
        }
        try {
            return onThreads(threads, (first, step) -> {
                try (Connection db = connect();
                     PreparedStatement insert = db.prepareStatement("insert into " + table + " (path, size) values (?, ?)")) {
                    for (int i = first; i < files.size(); i += step) {
                        insert.setString(1, files.get(i).toString());
                        insert.setLong(2, Files.size(files.get(i)));
                        insert.executeUpdate();
                    }
                }
            });
        } finally {
            try (Connection db = connect(); Statement ddl = db.createStatement()) {
                ddl.execute("drop table " + table);
            }
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("archive.it.pg.user", "postgres"), "");
    }

    @FunctionalInterface
    private interface Share {
        /** Does every {@code step}-th file from {@code first} on. */
        void run(int first, int step) throws Exception;
    }

    /** Runs one share of the files on each thread; seconds from the start to the last one done. */
    private static double onThreads(int threads, Share share) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                work.add(pool.submit(() -> {
                    share.run(first, threads);
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdown();
        }
    }
}
