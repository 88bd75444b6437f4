package cn.insurer.archive.custody;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Marks a sweep that the batch runtime gave up on as failed, so it no longer blocks the next one. */
@Named("custodyCheckFailureListener")
@Dependent
public class CheckFailureListener extends AbstractJobListener {

    @Inject
    JobContext job;

    @Inject
    CustodyChecks checks;

    @Override
    public void afterJob() {
        if (job.getBatchStatus() == BatchStatus.FAILED || job.getBatchStatus() == BatchStatus.STOPPED) {
            checks.fail(CustodyJob.checkId(job), "batch status " + job.getBatchStatus() + ", exit status " + job.getExitStatus());
        }
    }
}
