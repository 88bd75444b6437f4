package cn.insurer.archive.ingest;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Imports a chunk's rows, in transactions of their own with their outcomes ({@link RowImport}), so
 * a row that fails is recorded as failed and the rest carry on. The package stays open across the
 * step.
 */
@Named("importRowWriter")
@Dependent
public class RowWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    Imports imports;

    @Inject
    ImportPackages packages;

    @Inject
    RowImport rowImport;

    private ImportRun run;
    private ImportPackage source;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        run = imports.find(ImportJob.importId(job)).orElseThrow();
        source = packages.open(run);
    }

    @Override
    public void writeItems(List<Object> items) {
        rowImport.importRows(run, source, items.stream().map(PendingRow.class::cast).toList());
    }

    @Override
    public void close() throws Exception {
        if (source != null) {
            source.close();
        }
    }
}
