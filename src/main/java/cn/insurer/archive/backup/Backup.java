package cn.insurer.archive.backup;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * {@code ./archive backup DIR}: the database first (one consistent snapshot, pg_dump), then every
 * object of the bucket with its SHA-256, then a summary. Objects are written once and never
 * changed, and an item's bytes are stored before its row commits, so every item in the snapshot
 * finds its bytes in the copy taken after it; what was filed after the snapshot began is not in the
 * database part and its bytes are harmless extras. The audit chain's head as it stood when the
 * backup began is recorded, and a restore must reach at least that far.
 */
public final class Backup {

    static final String DATABASE = "database.dump";
    static final String OBJECTS = "objects";
    static final String MANIFEST = "objects.tsv";
    static final String SUMMARY = "backup.properties";

    private final BackupSettings settings;
    private final Clock clock;
    private final Consumer<String> progress;

    public Backup(BackupSettings settings, Clock clock, Consumer<String> progress) {
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
    }

    public Properties writeTo(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (var existing = Files.list(dir)) {
            if (existing.findAny().isPresent()) {
                throw new IOException("备份目录必须为空 The backup folder must be empty: " + dir);
            }
        }
        Properties summary = new Properties();
        summary.setProperty("format", "1");
        summary.setProperty("startedAt", clock.instant().toString());
        try (Connection db = DriverManager.getConnection(settings.dbUrl(), settings.ownerUser(), settings.ownerPassword());
             Statement statement = db.createStatement();
             ResultSet head = statement.executeQuery("select seq, hash from audit_head where id = 1")) {
            head.next();
            summary.setProperty("auditHeadSeq", Long.toString(head.getLong(1)));
            summary.setProperty("auditHeadHash", head.getString(2));
        }
        progress.accept("数据库 Database ...");
        new PostgresDump(settings).dump(dir.resolve(DATABASE));
        summary.setProperty("databaseBytes", Long.toString(Files.size(dir.resolve(DATABASE))));
        progress.accept("对象 Objects ...");
        List<BucketCopy.Entry> entries = new BucketCopy(settings).download(dir.resolve(OBJECTS), count -> {
            if (count % 1000 == 0) {
                progress.accept(count + " objects");
            }
        });
        try (Writer manifest = Files.newBufferedWriter(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
            for (BucketCopy.Entry entry : entries) {
                manifest.write(entry.line() + "\n");
            }
        }
        List<String> damaged = entries.stream().filter(BucketCopy.Entry::damaged).map(BucketCopy.Entry::key).toList();
        for (String key : damaged) {
            progress.accept("警告 Warning: 对象 " + key + " 与其名称的 SHA-256 不符，已按原样备份；请运行保管检查 "
                    + "(object does not hash to its name; copied as found, run a custody check)");
        }
        summary.setProperty("objects", Integer.toString(entries.size()));
        summary.setProperty("damagedObjects", Integer.toString(damaged.size()));
        summary.setProperty("objectBytes", Long.toString(entries.stream().mapToLong(BucketCopy.Entry::size).sum()));
        summary.setProperty("finishedAt", clock.instant().toString());
        try (Writer out = Files.newBufferedWriter(dir.resolve(SUMMARY), StandardCharsets.UTF_8)) {
            summary.store(out, "insurance archive backup");
        }
        return summary;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ./archive backup DIR");
            System.exit(2);
        }
        try {
            Properties summary = new Backup(BackupSettings.fromEnvironment(System.getenv()), Clock.systemUTC(),
                    System.out::println).writeTo(Path.of(args[0]));
            System.out.printf(Locale.ROOT, "备份完成 Backup written to %s: database %s bytes, %s objects (%s bytes), audit head %s%n",
                    args[0], summary.getProperty("databaseBytes"), summary.getProperty("objects"),
                    summary.getProperty("objectBytes"), summary.getProperty("auditHeadSeq"));
            if (!"0".equals(summary.getProperty("damagedObjects"))) {
                System.out.printf(Locale.ROOT, "其中 %s 个对象已损坏（见上）%s of them were already damaged in the bucket (see above)%n",
                        summary.getProperty("damagedObjects"), summary.getProperty("damagedObjects"));
            }
        } catch (Exception e) {
            System.err.println("备份失败 Backup failed: " + describe(e));
            System.exit(1);
        }
    }

    static String describe(Exception e) {
        return e instanceof SQLException || e instanceof IOException || e instanceof IllegalArgumentException
                ? e.getMessage() : e.toString();
    }
}
