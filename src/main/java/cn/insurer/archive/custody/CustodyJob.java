package cn.insurer.archive.custody;

import jakarta.batch.runtime.context.JobContext;
import java.util.Properties;
import java.util.UUID;

/** The custody-check job's name and parameters. */
final class CustodyJob {

    static final String NAME = "custody-check";
    static final String CHECK_ID = "checkId";

    private CustodyJob() {
    }

    static Properties parameters(UUID checkId) {
        Properties parameters = new Properties();
        parameters.setProperty(CHECK_ID, checkId.toString());
        return parameters;
    }

    static UUID checkId(JobContext job) {
        return UUID.fromString(job.getProperties().getProperty(CHECK_ID));
    }
}
