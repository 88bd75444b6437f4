package cn.insurer.archive.ingest;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * Reads the rows of one slot still pending, in manifest order, a page at a time. The checkpoint is the last row
 * handed out; an import relaunched after the server stopped starts from the first pending row,
 * which is exactly where the committed outcomes end.
 */
@Named("importPendingRows")
@Dependent
public class PendingRowReader extends AbstractItemReader {

    private static final int PAGE = 100;

    @Inject
    JobContext job;

    @Inject
    Imports imports;

    @Inject
    @BatchProperty
    String slot;

    private final Deque<PendingRow> buffer = new ArrayDeque<>();
    private UUID importId;
    private int last;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        importId = ImportJob.importId(job);
        last = checkpoint == null ? 0 : (Integer) checkpoint;
    }

    @Override
    public Object readItem() {
        if (buffer.isEmpty() && !exhausted) {
            buffer.addAll(imports.pending(importId, Integer.parseInt(slot), last, PAGE));
            exhausted = buffer.size() < PAGE;
        }
        PendingRow next = buffer.poll();
        if (next != null) {
            last = next.number();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
