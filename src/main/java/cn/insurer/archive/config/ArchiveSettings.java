package cn.insurer.archive.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every setting the application reads. Each property can also be given as an environment variable
 * in upper case with underscores (MicroProfile Config), e.g. {@code ARCHIVE_S3_ENDPOINT}.
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
    @ConfigProperty(name = "jboss.home.dir", defaultValue = ".")
    String serverHome;

    @Inject
    @ConfigProperty(name = "archive.time.zone", defaultValue = "Asia/Shanghai")
    String timeZone;

    @Inject
    @ConfigProperty(name = "archive.db.user", defaultValue = "archive")
    String dbUser;

    @Inject
    @ConfigProperty(name = "archive.db.migration.user")
    Optional<String> dbMigrationUser;

    @Inject
    @ConfigProperty(name = "archive.audit.checkpoint.seconds", defaultValue = "60")
    int auditCheckpointSeconds;

    @Inject
    @ConfigProperty(name = "archive.custody.orphan.grace.minutes", defaultValue = "60")
    int custodyOrphanGraceMinutes;

    @Inject
    @ConfigProperty(name = "archive.custody.orphan.collect.days", defaultValue = "30")
    int custodyOrphanCollectDays;

    @Inject
    @ConfigProperty(name = "archive.s3.endpoint", defaultValue = "http://127.0.0.1:9000")
    String s3Endpoint;

    @Inject
    @ConfigProperty(name = "archive.s3.access.key")
    Optional<String> s3AccessKey;

    @Inject
    @ConfigProperty(name = "archive.s3.secret.key")
    Optional<String> s3SecretKey;

    @Inject
    @ConfigProperty(name = "archive.s3.bucket", defaultValue = "archive")
    String s3Bucket;

    @Inject
    @ConfigProperty(name = "archive.s3.region", defaultValue = "us-east-1")
    String s3Region;

    @Inject
    @ConfigProperty(name = "archive.upload.max.bytes", defaultValue = "2147483648")
    long uploadMaxBytes;

    @Inject
    @ConfigProperty(name = "archive.extraction.workers", defaultValue = "0")
    int extractionWorkers;

    @Inject
    @ConfigProperty(name = "archive.extraction.timeout.seconds", defaultValue = "120")
    int extractionTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "archive.extraction.heap", defaultValue = "512m")
    String extractionHeap;

    @Inject
    @ConfigProperty(name = "archive.extraction.max.characters", defaultValue = "5000000")
    int extractionMaxCharacters;

    @Inject
    @ConfigProperty(name = "archive.ocr.enabled", defaultValue = "true")
    boolean ocrEnabled;

    @Inject
    @ConfigProperty(name = "archive.ocr.languages", defaultValue = "chi_sim+eng")
    String ocrLanguages;

    public static final int DEFAULT_PIPL_GRACE_DAYS = 365;

    @Inject
    @ConfigProperty(name = "archive.pipl.grace.days", defaultValue = "365")
    int piplGraceDays;

    @Inject
    @ConfigProperty(name = "archive.pdf.font", defaultValue = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    String pdfFont;

    @Inject
    @ConfigProperty(name = "archive.smtp.host")
    Optional<String> smtpHost;

    @Inject
    @ConfigProperty(name = "archive.smtp.port", defaultValue = "25")
    int smtpPort;

    @Inject
    @ConfigProperty(name = "archive.smtp.from", defaultValue = "archive@localhost")
    String smtpFrom;

    @Inject
    @ConfigProperty(name = "archive.smtp.user")
    Optional<String> smtpUser;

    @Inject
    @ConfigProperty(name = "archive.smtp.password")
    Optional<String> smtpPassword;

    @Inject
    @ConfigProperty(name = "archive.admin.password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "archive.login.max.failures", defaultValue = "5")
    int loginMaxFailures;

    @Inject
    @ConfigProperty(name = "archive.login.address.max.failures", defaultValue = "30")
    int loginAddressMaxFailures;

    @Inject
    @ConfigProperty(name = "archive.login.failure.window.minutes", defaultValue = "15")
    int loginFailureWindowMinutes;

    @Inject
    @ConfigProperty(name = "archive.login.lock.minutes", defaultValue = "15")
    int loginLockMinutes;

    @Inject
    @ConfigProperty(name = "archive.import.roots")
    Optional<String> importRoots;

    @Inject
    @ConfigProperty(name = "archive.import.max.bytes", defaultValue = "53687091200")
    long importMaxBytes;

    @Inject
    @ConfigProperty(name = "archive.import.max.ratio", defaultValue = "100")
    int importMaxRatio;

    @Inject
    @ConfigProperty(name = "archive.import.max.rows", defaultValue = "200000")
    int importMaxRows;

    @Inject
    @ConfigProperty(name = "archive.import.max.entries", defaultValue = "250000")
    long importMaxEntries;

    @Inject
    @ConfigProperty(name = "archive.oidc.issuer")
    Optional<String> oidcIssuer;

    @Inject
    @ConfigProperty(name = "archive.oidc.client.id")
    Optional<String> oidcClientId;

    @Inject
    @ConfigProperty(name = "archive.oidc.client.secret")
    Optional<String> oidcClientSecret;

    @Inject
    @ConfigProperty(name = "archive.oidc.username.claim", defaultValue = "preferred_username")
    String oidcUsernameClaim;

    @Inject
    @ConfigProperty(name = "archive.oidc.redirect.uri")
    Optional<String> oidcRedirectUri;

    @Inject
    @ConfigProperty(name = "archive.oidc.scopes", defaultValue = "openid profile")
    String oidcScopes;

    public Path dataDir() {
        return Path.of(dataDir.orElse(serverDataDir + "/archive"));
    }

    public Path indexDir() {
        return dataDir().resolve("index");
    }

    public Path tempDir() {
        return dataDir().resolve("tmp");
    }

    public Path extractorHome() {
        return Path.of(serverHome, "extractor");
    }

    public String dbUser() {
        return dbUser;
    }

    /** The owner of the schema that runs migrations, when it is not the runtime user. */
    public Optional<String> dbMigrationUser() {
        return dbMigrationUser.filter(user -> !user.isBlank());
    }

    public int auditCheckpointSeconds() {
        return auditCheckpointSeconds;
    }

    /**
     * How old an unreferenced object must be before a custody check reports it: an upload stores
     * its object before the item row commits, and must not be reported in between.
     */
    public java.time.Duration custodyOrphanGrace() {
        return java.time.Duration.ofMinutes(custodyOrphanGraceMinutes);
    }

    /**
     * How long an object must have been reported as an orphan, with still no item referring to it,
     * before a custody check collects it: long enough for the archive manager to look into it.
     */
    public java.time.Duration custodyOrphanCollection() {
        return java.time.Duration.ofDays(custodyOrphanCollectDays);
    }

    public String s3Endpoint() {
        return s3Endpoint;
    }

    public String s3AccessKey() {
        return s3AccessKey.orElseThrow(() -> new IllegalStateException(
                "ARCHIVE_S3_ACCESS_KEY is not set: the object store needs credentials"));
    }

    public String s3SecretKey() {
        return s3SecretKey.orElseThrow(() -> new IllegalStateException(
                "ARCHIVE_S3_SECRET_KEY is not set: the object store needs credentials"));
    }

    public String s3Bucket() {
        return s3Bucket;
    }

    public String s3Region() {
        return s3Region;
    }

    public long uploadMaxBytes() {
        return uploadMaxBytes;
    }

    public int extractionWorkers() {
        return extractionWorkers > 0 ? extractionWorkers : Runtime.getRuntime().availableProcessors();
    }

    public int extractionTimeoutSeconds() {
        return extractionTimeoutSeconds;
    }

    public String extractionHeap() {
        return extractionHeap;
    }

    public int extractionMaxCharacters() {
        return extractionMaxCharacters;
    }

    public boolean ocrEnabled() {
        return ocrEnabled;
    }

    public String ocrLanguages() {
        return ocrLanguages;
    }

    /** Days after a claim closes during which its personal data stays readable by standing. */
    public int piplGraceDays() {
        return piplGraceDays;
    }

    /** The one zone every page and generated document states its times in. */
    public java.time.ZoneId timeZone() {
        return java.time.ZoneId.of(timeZone);
    }

    /** A TrueType collection with Chinese glyphs, embedded in generated PDFs. */
    public Path pdfFont() {
        return Path.of(pdfFont);
    }

    /** The SMTP server notifications are mailed through; none means they are only kept and shown. */
    public Optional<String> smtpHost() {
        return smtpHost.filter(host -> !host.isBlank());
    }

    public int smtpPort() {
        return smtpPort;
    }

    public String smtpFrom() {
        return smtpFrom;
    }

    public Optional<String> smtpUser() {
        return smtpUser.filter(user -> !user.isBlank());
    }

    public String smtpPassword() {
        return smtpPassword.orElse("");
    }

    public Optional<String> adminPassword() {
        return adminPassword.filter(p -> !p.isBlank());
    }

    /** Failed password sign-ins for one account within the window that lock it; 0 never locks. */
    public int loginMaxFailures() {
        return Math.max(0, loginMaxFailures);
    }

    /**
     * Failed password sign-ins from one client address within the window that lock the address;
     * higher than the account's, as an office behind one address shares it; 0 never locks.
     */
    public int loginAddressMaxFailures() {
        return Math.max(0, loginAddressMaxFailures);
    }

    /** How far back failed sign-ins are counted; a quiet window starts the count again. */
    public int loginFailureWindowMinutes() {
        return Math.max(1, loginFailureWindowMinutes);
    }

    /** How long a lock lasts; the right password during a lock is refused too. */
    public int loginLockMinutes() {
        return Math.max(1, loginLockMinutes);
    }

    /** Server folders that bulk imports may read from; none means only uploaded packages. */
    public java.util.List<Path> importRoots() {
        return importRoots.stream().flatMap(roots -> java.util.Arrays.stream(roots.split("[,;" + java.io.File.pathSeparator + "]")))
                .map(String::trim).filter(root -> !root.isEmpty()).map(Path::of).toList();
    }

    /** The most an import package may hold once unpacked, all files together. */
    public long importMaxBytes() {
        return importMaxBytes;
    }

    /** The highest unpacked-to-packed ratio of one file in an import package. */
    public int importMaxRatio() {
        return importMaxRatio;
    }

    /** Most files one package may hold, checked before a ZIP's directory is read into memory. */
    public long importMaxEntries() {
        return importMaxEntries;
    }

    public int importMaxRows() {
        return importMaxRows;
    }

    public Path importDir() {
        return dataDir().resolve("imports");
    }

    /** The OpenID provider the web desk may sign in through; without it only the archive's own passwords work. */
    public Optional<String> oidcIssuer() {
        return oidcIssuer.map(String::trim).filter(issuer -> !issuer.isEmpty()).filter(issuer -> oidcClientId().isPresent());
    }

    public Optional<String> oidcClientId() {
        return oidcClientId.map(String::trim).filter(id -> !id.isEmpty());
    }

    /** Absent for a public client, which then proves itself with PKCE alone. */
    public Optional<String> oidcClientSecret() {
        return oidcClientSecret.filter(secret -> !secret.isBlank());
    }

    /** The ID token claim that names the archive user. */
    public String oidcUsernameClaim() {
        return oidcUsernameClaim;
    }

    /** Where the provider sends the browser back; by default derived from the request, which a proxy may hide. */
    public Optional<String> oidcRedirectUri() {
        return oidcRedirectUri.map(String::trim).filter(uri -> !uri.isEmpty());
    }

    public String oidcScopes() {
        return oidcScopes.contains("openid") ? oidcScopes : "openid " + oidcScopes;
    }
    @Inject
    @ConfigProperty(name = "archive.db.url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/archive")
    String dbUrl;

    @Inject
    @ConfigProperty(name = "archive.db.password", defaultValue = "not-configured")
    String dbPassword;

    @Inject
    @ConfigProperty(name = "archive.node.name")
    Optional<String> nodeName;

    @Inject
    @ConfigProperty(name = "archive.leader.poll.seconds", defaultValue = "3")
    int leaderPollSeconds;

    @Inject
    @ConfigProperty(name = "archive.metrics.allowed")
    Optional<String> metricsAllowed;

    /** The same database the server's data source points at, for the one connection held outside the pool. */
    public String dbUrl() {
        return dbUrl;
    }

    public String dbPassword() {
        return dbPassword;
    }

    /** This node's name in the audit trail and the database's session list; by default the host name. */
    public String nodeName() {
        return nodeName.map(String::trim).filter(name -> !name.isEmpty())
                .orElseGet(() -> System.getProperty("jboss.node.name", "archive"));
    }

    /** How often a node checks that it still leads, or tries to lead; a dead leader is replaced within this. */
    public int leaderPollSeconds() {
        return Math.max(1, leaderPollSeconds);
    }

    /** Addresses and CIDR ranges besides loopback that may scrape {@code /metrics}, separated by commas or spaces. */
    public java.util.List<String> metricsAllowed() {
        return metricsAllowed.stream().flatMap(list -> java.util.Arrays.stream(list.split("[,\\s]+")))
                .filter(entry -> !entry.isBlank()).toList();
    }
}
