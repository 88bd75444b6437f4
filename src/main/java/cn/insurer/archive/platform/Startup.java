package cn.insurer.archive.platform;

import cn.insurer.archive.config.ArchiveSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Brings the application up in order: schema migrations (SQL, and the Java migrations the features
 * provide as beans), then Hibernate's validation of the mapping against the migrated schema (it
 * never generates), then each feature's own preparation ({@link Preparing}: policy files, the
 * bucket, the bootstrap admin), and finally the background work that observes {@link Started}.
 * It knows no feature: they observe these events.
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
    ArchiveSettings settings;

    @Inject
    @Any
    Instance<JavaMigration> javaMigrations;

    @Inject
    Event<Preparing> preparing;

    @Inject
    Event<Started> started;

    @PostConstruct
    void start() {
        var flyway = Flyway.configure()
                .locations("classpath:archive-config/db")
                .javaMigrations(javaMigrations.stream().toArray(JavaMigration[]::new))
                .placeholders(Map.of("appUser", settings.dbUser()));
        var result = flyway.dataSource(migrationDataSource).load().migrate();
        if (settings.dbMigrationUser().isEmpty()) {
            LOG.warning("Migrations run as the runtime user " + settings.dbUser() + ", which therefore owns the "
                    + "audit trail and could drop its protection; set ARCHIVE_DB_MIGRATION_USER to a separate owner");
        }
        LOG.info("Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
        emf.unwrap(SessionFactoryImplementor.class).getSchemaManager().validateMappedObjects();
        preparing.fire(new Preparing());
        started.fire(new Started());
    }

    /**
     * Fired once the schema is migrated and validated, before anything runs: each feature readies
     * its part, and an observer that fails stops the deployment.
     */
    public record Preparing() {
    }

    /** Fired once the schema, the bucket and the users are ready. */
    public record Started() {
    }
}
