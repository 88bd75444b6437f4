package cn.insurer.archive.platform;

import cn.insurer.archive.access.AdminBootstrap;
import cn.insurer.archive.audit.migration.V3__ChainEarlierAuditEvents;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.retention.RetentionRules;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Brings the application up in order: schema migrations, then Hibernate's validation of the
 * mapping against the migrated schema (it never generates), the bucket, the bootstrap admin, and
 * finally the background work (extraction, indexing) that observes {@link Started}.
 */
@Singleton
@jakarta.ejb.Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Resource(lookup = "java:jboss/datasources/ArchiveMigrationDS")
    DataSource migrationDataSource;

    @PersistenceUnit(unitName = "archive")
    EntityManagerFactory emf;

    @Inject
    ObjectStore objectStore;

    @Inject
    ArchiveSettings settings;

    @Inject
    AdminBootstrap adminBootstrap;

    @Inject
    RetentionRules retentionRules;

    @Inject
    Event<Started> started;

    @PostConstruct
    void start() {
        var flyway = Flyway.configure()
                .locations("classpath:archive-config/db")
                .javaMigrations(new V3__ChainEarlierAuditEvents())
                .placeholders(Map.of("appUser", settings.dbUser()));
        var result = flyway.dataSource(migrationDataSource).load().migrate();
        if (settings.dbMigrationUser().isEmpty()) {
            LOG.warning("Migrations run as the runtime user " + settings.dbUser() + ", which therefore owns the "
                    + "audit trail and could drop its protection; set ARCHIVE_DB_MIGRATION_USER to a separate owner");
        }
        LOG.info("Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
        emf.unwrap(SessionFactoryImplementor.class).getSchemaManager().validateMappedObjects();
        LOG.info("Retention policies valid: " + retentionRules.rules().size() + " rules");
        objectStore.ensureBucket();
        adminBootstrap.createAdminIfNoUsers();
        started.fire(new Started());
    }

    /** Fired once the schema, the bucket and the users are ready. */
    public record Started() {
    }
}
