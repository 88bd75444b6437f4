package cn.insurer.archive.backup;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code ./archive restore DIR}: a backup into an empty database and an empty bucket, never over
 * live data. Afterwards every stored object the database names has its bytes, and the audit chain
 * reaches at least the head recorded when the backup began; the chain itself is then verified by
 * {@code ./archive verify-audit}, and each node rebuilds its search index from the database.
 */
public final class Restore {

    /** What the restore brought back. */
    /** {@code missingObjects}: stored objects whose bytes the archive had already lost when the backup was taken. */
    public record Result(long auditHeadSeq, int objects, int dossiers, int items, int missingObjects) {
    }

    private final BackupSettings settings;
    private final Consumer<String> progress;

    public Restore(BackupSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Result from(Path dir) throws Exception {
        Properties summary = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(Backup.SUMMARY), StandardCharsets.UTF_8)) {
            summary.load(in);
        }
        List<BucketCopy.Entry> entries = Files.readAllLines(dir.resolve(Backup.MANIFEST), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).map(BucketCopy.Entry::parse).toList();
        BucketCopy bucket = new BucketCopy(settings);
        try (Connection db = DriverManager.getConnection(settings.dbUrl(), settings.ownerUser(), settings.ownerPassword())) {
            if (count(db, "select count(*) from pg_tables where schemaname = 'public'") > 0) {
                throw new IOException("恢复只能写入空数据库 The database to restore into must be empty: " + settings.dbUrl());
            }
            if (!bucket.isEmpty()) {
                throw new IOException("恢复只能写入空存储桶 The bucket to restore into must be empty: " + settings.bucket());
            }
            progress.accept("数据库 Database ...");
            new PostgresDump(settings).restore(dir.resolve(Backup.DATABASE));
            progress.accept("对象 Objects ...");
            bucket.upload(dir.resolve(Backup.OBJECTS), entries, done -> {
                if (done % 1000 == 0) {
                    progress.accept(done + " / " + entries.size() + " objects");
                }
            });
            int missing = missingStoredObjects(db, entries);
            long head = count(db, "select seq from audit_head where id = 1");
            long recorded = Long.parseLong(summary.getProperty("auditHeadSeq"));
            if (head < recorded) {
                throw new IOException("恢复的审计日志短于备份开始时 The restored audit trail ends at " + head
                        + ", before the head recorded when the backup began (" + recorded + ")");
            }
            return new Result(head, entries.size(), (int) count(db, "select count(*) from dossier"),
                    (int) count(db, "select count(*) from item"), missing);
        }
    }

    /**
     * Stored objects the backup has no bytes for: lost from the bucket before the backup was taken
     * (the custody check reports them as missing). Refusing the whole restore for them would leave
     * nothing at all; they are named instead, and the restored custody check finds them again.
     */
    private int missingStoredObjects(Connection db, List<BucketCopy.Entry> entries) throws SQLException {
        Set<String> copied = new HashSet<>();
        entries.forEach(entry -> copied.add(entry.key()));
        int missing = 0;
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("select sha256 from stored_object")) {
            while (rows.next()) {
                String hash = rows.getString(1).trim();
                if (!copied.contains("sha256/" + hash.substring(0, 2) + "/" + hash)) {
                    missing++;
                    progress.accept("警告 Warning: 备份中没有对象 " + hash + " 的内容（备份前已从存储中丢失，保管检查会报告）"
                            + " (the backup has no bytes for this stored object; it was lost before the backup, and a custody check reports it)");
                }
            }
        }
        return missing;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ./archive restore DIR");
            System.exit(2);
        }
        try {
            Result result = new Restore(BackupSettings.fromEnvironment(System.getenv()), System.out::println).from(Path.of(args[0]));
            System.out.printf(Locale.ROOT, "恢复完成 Restored: %d dossiers, %d items, %d objects, audit head %d%n",
                    result.dossiers(), result.items(), result.objects(), result.auditHeadSeq());
            if (result.missingObjects() > 0) {
                System.out.printf(Locale.ROOT, "其中 %d 个对象在备份前已丢失（见上）%d stored objects were already lost before the backup (see above)%n",
                        result.missingObjects(), result.missingObjects());
            }
        } catch (Exception e) {
            System.err.println("恢复失败 Restore failed: " + Backup.describe(e));
            System.exit(1);
        }
    }
}
