package cn.insurer.archive.ingest;

import jakarta.batch.runtime.context.JobContext;
import java.util.Properties;
import java.util.UUID;

/** The bulk-import job's name and parameters. */
final class ImportJob {

    static final String NAME = "bulk-import";
    static final String IMPORT_ID = "importId";
    /** Rows are imported on this many threads (the partitions of the job's rows step), one slot each. */
    static final int SLOTS = 4;

    private ImportJob() {
    }

    static Properties parameters(UUID importId) {
        Properties parameters = new Properties();
        parameters.setProperty(IMPORT_ID, importId.toString());
        return parameters;
    }

    static UUID importId(JobContext job) {
        return UUID.fromString(job.getProperties().getProperty(IMPORT_ID));
    }
}
