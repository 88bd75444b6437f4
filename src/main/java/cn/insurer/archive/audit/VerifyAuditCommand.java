package cn.insurer.archive.audit;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * Verifies the audit trail from outside the application server, straight from PostgreSQL and the
 * object store, so an auditor need not trust the running application. Reads the same environment
 * variables as the server; read-only database access is enough. Exit code 0 when intact, 1 when
 * broken, 2 when it could not check. Run through {@code ./archive verify-audit}.
 */
public final class VerifyAuditCommand {

    private VerifyAuditCommand() {
    }

    public static void main(String[] args) {
        try {
            List<Checkpoint> checkpoints = checkpoints();
            ChainVerifier.Connections connections = () -> DriverManager.getConnection(env("ARCHIVE_DB_URL", null),
                    env("ARCHIVE_DB_USER", null), env("ARCHIVE_DB_PASSWORD", ""));
            int readers = ChainVerifier.readers(Integer.parseInt(env("ARCHIVE_AUDIT_VERIFY_READERS", "0")));
            ChainVerification result = ChainVerifier.verify(connections, checkpoints, readers,
                    Executors.newFixedThreadPool(readers + Runtime.getRuntime().availableProcessors(), VerifyAuditCommand::daemon));
            double rate = result.seconds() > 0 ? result.events() / result.seconds() : 0;
            if (result.verified()) {
                System.out.printf(Locale.ROOT, "审计日志完整 Audit trail intact: %d events, %d checkpoints, %.1f s (%.0f events/s)%n",
                        result.events(), result.checkpoints(), result.seconds(), rate);
                System.exit(0);
            }
            System.out.printf(Locale.ROOT, "审计日志被篡改 Audit trail BROKEN at event %d: %s (%d events before it verified)%n",
                    result.firstBrokenSeq(), result.reason(), result.events());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("Could not verify the audit trail: " + e);
            System.exit(2);
        }
    }

    private static List<Checkpoint> checkpoints() throws Exception {
        MinioClient client = MinioClient.builder()
                .endpoint(env("ARCHIVE_S3_ENDPOINT", null))
                .region(env("ARCHIVE_S3_REGION", "us-east-1"))
                .credentials(env("ARCHIVE_S3_ACCESS_KEY", null), env("ARCHIVE_S3_SECRET_KEY", null))
                .build();
        String bucket = env("ARCHIVE_S3_BUCKET", "archive");
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket)
                .prefix(Checkpoint.PREFIX).recursive(true).build())) {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket)
                    .object(result.get().objectName()).build())) {
                checkpoints.add(Checkpoint.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return checkpoints;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalStateException(name + " is not set");
            }
            return fallback;
        }
        return value;
    }

    /** The hashing threads end with the command, whichever way it exits. */
    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "audit-hasher");
        thread.setDaemon(true);
        return thread;
    }
}
