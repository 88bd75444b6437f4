package cn.insurer.archive.ingest;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/** The job's last step: the import is complete, and an uploaded package is no longer needed. */
@Named("importCompletion")
@Dependent
public class ImportCompletion extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    Imports imports;

    @Inject
    ImportPackages packages;

    @Override
    public String process() throws Exception {
        UUID id = ImportJob.importId(job);
        imports.complete(id);
        packages.release(imports.find(id).orElseThrow());
        return "COMPLETED";
    }
}
