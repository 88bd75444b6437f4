package cn.insurer.archive.ingest;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/** Marks an import the batch runtime gave up on as failed, with the reason, instead of leaving it running. */
@Named("importFailureListener")
@Dependent
public class ImportFailureListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(ImportFailureListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    Imports imports;

    @Override
    public void afterJob() {
        if (job.getBatchStatus() == BatchStatus.FAILED) {
            LOG.warning("Import " + ImportJob.importId(job) + ": the batch job failed with exit status " + job.getExitStatus());
            imports.fail(ImportJob.importId(job), ImportProblem.of(null, null, "import.job.failed"));
        }
    }
}
