package cn.insurer.archive.custody;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Persists a chunk's findings and progress in the chunk's transaction, together with its checkpoint. */
@Named("custodyFindingWriter")
@Dependent
public class FindingWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    CustodyChecks checks;

    @Override
    public void writeItems(List<Object> items) {
        checks.recordChunk(CustodyJob.checkId(job), items.stream().map(CheckedContent.class::cast).toList());
    }
}
