package cn.insurer.archive.ingest;

import jakarta.batch.runtime.context.JobContext;
import java.util.Properties;
import java.util.UUID;

/** The bulk-import job's name and parameters. */
final class ImportJob {

    static final String NAME = "bulk-import";
    static final String IMPORT_ID = "importId";
    /**
     * Rows are imported on this many threads (the partitions of the job's rows step), one slot each: a
     * row waits on the object store and the database far longer than it uses a core. 1,000 files on 2
     * cores, rows filed per second on a freshly started server: 14.5 on two slots, 21.9 on four, 28.0
     * on eight; on a warm one 32.7 on four and 45.3 on eight.
     */
    static final int SLOTS = 8;

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
