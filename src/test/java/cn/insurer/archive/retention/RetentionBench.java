package cn.insurer.archive.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.it.ApiClient;
import cn.insurer.archive.it.ServerTestBase;
import cn.insurer.archive.it.Users;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The due list over a million dossiers next to a plain count over the same table. Dossiers and
 * their stored decisions are bulk-loaded with SQL (their disposition dates spread over 25 years),
 * then the due list is asked for through the API and streamed whole as the retention-due register.
 * Run with {@code mvn verify -Pbench} ({@code -Dbench.retention.dossiers=N}).
 */
class RetentionBench extends ServerTestBase {

    private static final int DOSSIERS = Integer.getInteger("bench.retention.dossiers", 1_000_000);

    @Test
    void dueListAgainstAPlainCount() throws Exception {
        String prefix = Users.unique("RB").toUpperCase(Locale.ROOT) + "-";
        load(prefix);
        ApiClient auditor = Users.create("bench-auditor", "SECRET", "档案室", "AUDITOR");

        long countStart = System.nanoTime();
        long total;
        long due;
        try (Connection connection = owner()) {
            total = single(connection, "select count(*) from dossier");
            double countSeconds = (System.nanoTime() - countStart) / 1e9;
            long dueStart = System.nanoTime();
            due = single(connection, "select count(*) from dossier_retention where state = 'SCHEDULED' and disposition_date < current_date + 1");
            double dueCountSeconds = (System.nanoTime() - dueStart) / 1e9;

            Instant apiStart = Instant.now();
            ApiClient.Reply page = auditor.get("/api/retention/due");
            double apiSeconds = Duration.between(apiStart, Instant.now()).toNanos() / 1e9;
            assertEquals(200, page.status(), page::toString);

            Instant registerStart = Instant.now();
            long rows = 0;
            HttpResponse<java.io.InputStream> register = auditor.stream(ApiClient.query("/api/reports/retention-due", Map.of("format", "csv")));
            assertEquals(200, register.statusCode());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(register.body(), StandardCharsets.UTF_8))) {
                while (reader.readLine() != null) {
                    rows++;
                }
            }
            double registerSeconds = Duration.between(registerStart, Instant.now()).toNanos() / 1e9;
            assertTrue(rows >= due, "the register lists every due dossier");

            String report = String.join(System.lineSeparator(), "",
                    "=== Retention due list (" + Runtime.getRuntime().availableProcessors() + " cores, " + total + " dossiers, "
                            + due + " due) ===",
                    String.format(Locale.ROOT, "plain count(*) over dossier:              %8.3f s", countSeconds),
                    String.format(Locale.ROOT, "due count over stored decisions (SQL):    %8.3f s", dueCountSeconds),
                    String.format(Locale.ROOT, "GET /api/retention/due (first 10,000):     %8.3f s", apiSeconds),
                    String.format(Locale.ROOT, "retention-due register, all %,d rows (CSV): %8.3f s   target < 2 s", rows, registerSeconds),
                    "");
            System.out.println(report);
            Files.writeString(Path.of("target/bench-retention.txt"), report);
        }
    }

    private static void load(String prefix) throws SQLException {
        try (Connection connection = owner()) {
            connection.setAutoCommit(false);
            try (PreparedStatement dossiers = connection.prepareStatement("insert into dossier (id, type, business_key, product_line, "
                    + "title, department, security_level, status, metadata, created_by, created_at, updated_at, policy_start, policy_end) "
                    + "select gen_random_uuid(), 'UNDERWRITING', ? || g, '家财险', '基准保单 ' || g, '档案室', 'INTERNAL', 'OPEN', "
                    + "'{}'::jsonb, 'bench', now(), now(), date '2000-01-01' + (g % 9000), date '2000-12-30' + (g % 9000) "
                    + "from generate_series(1, ?) g")) {
                dossiers.setString(1, prefix);
                dossiers.setInt(2, DOSSIERS);
                dossiers.executeUpdate();
            }
            try (PreparedStatement decisions = connection.prepareStatement("insert into dossier_retention (dossier_id, rule_id, "
                    + "policy_version, trigger_event, trigger_date, disposition_date, state, action, rules_digest, computed_at) "
                    + "select id, 'INS-87-SHORT', 'insurance-business/2', 'POLICY_TERMINATED', policy_end, "
                    + "(policy_end + interval '5 years')::date, 'SCHEDULED', 'REVIEW', 'bench', now() from dossier "
                    + "where business_key like ?")) {
                decisions.setString(1, prefix + "%");
                decisions.executeUpdate();
            }
            connection.commit();
            try (var statement = connection.createStatement()) {
                statement.execute("analyze dossier");
                statement.execute("analyze dossier_retention");
            }
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Connection owner() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("archive.it.pg.user", "postgres"), "");
    }
}
