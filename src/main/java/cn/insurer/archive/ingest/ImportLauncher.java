package cn.insurer.archive.ingest;

import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.platform.Startup;
import cn.insurer.archive.storage.StagedFile;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts imports, and at every start of the server relaunches those it was running when it stopped:
 * the batch runtime forgets its executions with the process, the import's own rows do not.
 */
@ApplicationScoped
public class ImportLauncher {

    private static final Logger LOG = Logger.getLogger(ImportLauncher.class.getName());

    @Inject
    Imports imports;

    public UUID startPackage(AuditLog.Actor actor, StagedFile zip) {
        UUID id = imports.open(actor, Imports.Source.ZIP, zip.path().toString(), zip.hash().hex());
        launch(id);
        return id;
    }

    public UUID startFolder(AuditLog.Actor actor, Path folder) {
        UUID id = imports.open(actor, Imports.Source.FOLDER, folder.toString(), null);
        launch(id);
        return id;
    }

    void resume(@Observes Startup.Started started) {
        for (UUID id : imports.running()) {
            LOG.info("Resuming import " + id);
            try {
                imports.clearReservations(id);
                launch(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not resume import " + id, e);
            }
        }
    }

    private void launch(UUID id) {
        try {
            BatchRuntime.getJobOperator().start(ImportJob.NAME, ImportJob.parameters(id));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Import " + id + ": the batch job could not be started", e);
            imports.fail(id, ImportProblem.of(null, null, "import.job.failed"));
            throw e;
        }
    }
}
