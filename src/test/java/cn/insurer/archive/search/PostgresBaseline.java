package cn.insurer.archive.search;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The same archive in a scratch PostgreSQL database, searched the way an application without a
 * search engine would: {@code LIKE '%q%'} helped by a pg_trgm GIN index, with the same access
 * filter, facet counts (one GROUPING SETS pass) and a page of twenty. The database is created
 * for one run and dropped by {@link #close()} unless kept for another.
 */
final class PostgresBaseline implements AutoCloseable {

    private static final String FACETS = """
            select product_line, department, year, security_level, count(*) from bench_doc
             where body like ? and security_level = any(?) and department = any(?)
             group by grouping sets ((product_line), (department), (year), (security_level), ())""";
    private static final String PAGE = """
            select id, title from bench_doc
             where body like ? and security_level = any(?) and department = any(?) limit 20""";

    private final String serverUrl;
    private final String user;
    private final String database;
    private final String url;

    /** Loading figures, seconds. */
    record Loaded(long rows, double copySeconds, double indexSeconds, long bytes) {
    }

    private final boolean keep;

    /**
     * The scratch database: created afresh (an old one is dropped), or, with
     * {@code reuse}, the one a previous run kept; {@code keep} leaves it for such a run.
     */
    PostgresBaseline(String serverUrl, String user, String database, boolean reuse, boolean keep) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        this.serverUrl = serverUrl;
        this.user = user;
        this.database = database;
        this.keep = keep;
        this.url = serverUrl + database;
        if (reuse) {
            return;
        }
        try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", user, null);
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database + " encoding 'UTF8' template template0");
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_trgm");
            statement.execute("""
                    create unlogged table bench_doc (id uuid primary key, kind text not null, title text not null,
                      product_line text not null, department text not null, year int not null,
                      security_level text not null, body text not null)""");
        }
    }

    /**
     * Whether a scratch database of that name holds a loaded corpus, such as one an earlier run kept;
     * a run that did not measure PostgreSQL leaves it empty, and an empty one must not be measured.
     */
    static boolean exists(String serverUrl, String user, String database) throws SQLException {
        try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", user, null);
                java.sql.PreparedStatement query = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, database);
            try (ResultSet found = query.executeQuery()) {
                if (!found.next()) {
                    return false;
                }
            }
        }
        try (Connection scratch = DriverManager.getConnection(serverUrl + database, user, null);
                Statement statement = scratch.createStatement();
                ResultSet loaded = statement.executeQuery(
                        "select exists (select 1 from pg_indexes where tablename = 'bench_doc' and indexdef like '%gin%')")) {
            return loaded.next() && loaded.getBoolean(1);
        }
    }

    /** COPYs every dossier and item, then builds the trigram index; the text is that our index gets. */
    Loaded load(int dossiers, IntFunction<SyntheticArchive.Dossier> archive) throws SQLException, IOException {
        long rows = 0;
        long copyStart = System.nanoTime();
        try (Connection connection = connect()) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy bench_doc from stdin (format text)");
            try (Writer out = new java.io.OutputStreamWriter(new PGCopyOutputStream(copy, 1 << 20),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                for (int d = 0; d < dossiers; d++) {
                    SyntheticArchive.Dossier generated = archive.apply(d);
                    DossierDocument dossier = generated.dossier();
                    row(out, dossier.dossierId().toString(), "dossier", dossier.title(), dossier, dossier.securityLevel(),
                            dossier.title() + "\n" + dossier.metadataText());
                    rows++;
                    for (ItemDocument item : generated.items()) {
                        row(out, item.itemId().toString(), "item", item.title(), dossier,
                                SecurityLevels.stricter(dossier.securityLevel(), item.securityLevel()),
                                item.title() + "\n" + item.text());
                        rows++;
                    }
                }
            }
        }
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;
        long indexStart = System.nanoTime();
        long bytes;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("set maintenance_work_mem = '1GB'");
            statement.execute("create index bench_doc_body on bench_doc using gin (body gin_trgm_ops)");
            statement.execute("create index bench_doc_scope on bench_doc (department, security_level)");
            statement.execute("analyze bench_doc");
            try (ResultSet size = statement.executeQuery("select pg_database_size(current_database())")) {
                size.next();
                bytes = size.getLong(1);
            }
        }
        return new Loaded(rows, copySeconds, (System.nanoTime() - indexStart) / 1e9, bytes);
    }

    /** A client searching as a reader confined to {@code levels} in {@code departments}. */
    LoadRun.System searching(Set<String> levels, Set<String> departments) {
        return () -> {
            Connection connection = connect();
            PreparedStatement facets = connection.prepareStatement(FACETS);
            PreparedStatement page = connection.prepareStatement(PAGE);
            java.sql.Array levelArray = connection.createArrayOf("text", levels.toArray());
            java.sql.Array departmentArray = connection.createArrayOf("text", departments.toArray());
            return new LoadRun.Client() {
                @Override
                public long query(String q) throws SQLException {
                    String pattern = "%" + likeEscape(q) + "%";
                    long total = 0;
                    for (PreparedStatement statement : new PreparedStatement[] {facets, page}) {
                        statement.setString(1, pattern);
                        statement.setArray(2, levelArray);
                        statement.setArray(3, departmentArray);
                    }
                    try (ResultSet rows = facets.executeQuery()) {
                        while (rows.next()) {
                            if (rows.getString(1) == null && rows.getString(2) == null && rows.getObject(3) == null
                                    && rows.getString(4) == null) {
                                total = rows.getLong(5);
                            }
                        }
                    }
                    try (ResultSet rows = page.executeQuery()) {
                        while (rows.next()) {
                            rows.getString(2);
                        }
                    }
                    return total;
                }

                @Override
                public void close() throws SQLException {
        if (keep) {
            return;
        }
                    connection.close();
                }
            };
        };
    }

    @Override
    public void close() throws SQLException {
        if (keep) {
            return;
        }
        try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", user, null);
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
    }

    String database() {
        return database;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, null);
    }

    /**
     * A user's words are matched literally, as one substring; the words of a longer query are kept
     * in order, and the quotes of a phrase are not part of the text.
     */
    private static String likeEscape(String q) {
        return q.replace("\"", "").strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                .replaceAll("\\s+", "%");
    }

    private static void row(Writer out, String id, String kind, String title, DossierDocument dossier, String level,
            String body) throws IOException {
        out.write(String.join("\t", id, kind, copyText(title), copyText(dossier.productLine()),
                copyText(dossier.department()), Integer.toString(dossier.year()), level, copyText(body)));
        out.write('\n');
    }

    private static String copyText(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> escaped.append("\\\\");
                case '\t' -> escaped.append("\\t");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(ch);
            }
        }
        return escaped.toString();
    }

    static String describe(Loaded loaded) {
        return String.format(Locale.ROOT, "%,d rows, COPY %.1f s (%,.0f rows/s), GIN trigram + scope indexes %.1f s, database %,d MB",
                loaded.rows(), loaded.copySeconds(), loaded.rows() / loaded.copySeconds(), loaded.indexSeconds(),
                loaded.bytes() >> 20);
    }
}
