package cn.insurer.archive.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings several features read: the data folder, the time zone, the PDF font, the upload
 * limit, the node's name and the database. A setting only one feature reads is in that feature's
 * package ({@code StorageSettings}, {@code ExtractionSettings}, {@code IngestSettings}, ...). Each
 * property can also be given as an environment variable in upper case with underscores
 * (MicroProfile Config), e.g. {@code ARCHIVE_DATA_DIR}.
 */
@ApplicationScoped
public class ArchiveSettings {

    @Inject
    @ConfigProperty(name = "archive.data.dir")
    Optional<String> dataDir;

    @Inject
    @ConfigProperty(name = "jboss.server.data.dir", defaultValue = "data")
    String serverDataDir;

    @Inject
    @ConfigProperty(name = "archive.time.zone", defaultValue = "Asia/Shanghai")
    String timeZone;

    @Inject
    @ConfigProperty(name = "archive.pdf.font", defaultValue = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    String pdfFont;

    @Inject
    @ConfigProperty(name = "archive.upload.max.bytes", defaultValue = "2147483648")
    long uploadMaxBytes;

    @Inject
    @ConfigProperty(name = "archive.node.name")
    Optional<String> nodeName;

    @Inject
    @ConfigProperty(name = "archive.db.url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/archive")
    String dbUrl;

    @Inject
    @ConfigProperty(name = "archive.db.user", defaultValue = "archive")
    String dbUser;

    @Inject
    @ConfigProperty(name = "archive.db.password", defaultValue = "not-configured")
    String dbPassword;

    @Inject
    @ConfigProperty(name = "archive.db.migration.user")
    Optional<String> dbMigrationUser;

    public Path dataDir() {
        return Path.of(dataDir.orElse(serverDataDir + "/archive"));
    }

    public Path tempDir() {
        return dataDir().resolve("tmp");
    }

    /** The one zone every page and generated document states its times in. */
    public ZoneId timeZone() {
        return ZoneId.of(timeZone);
    }

    /** A TrueType collection with Chinese glyphs, embedded in generated PDFs. */
    public Path pdfFont() {
        return Path.of(pdfFont);
    }

    public long uploadMaxBytes() {
        return uploadMaxBytes;
    }

    /** This node's name in the audit trail and the database's session list; by default the host name. */
    public String nodeName() {
        return nodeName.map(String::trim).filter(name -> !name.isEmpty())
                .orElseGet(() -> System.getProperty("jboss.node.name", "archive"));
    }

    /** The same database the server's data source points at, for the one connection held outside the pool. */
    public String dbUrl() {
        return dbUrl;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    /** The owner of the schema that runs migrations, when it is not the runtime user. */
    public Optional<String> dbMigrationUser() {
        return dbMigrationUser.filter(user -> !user.isBlank());
    }
}
