package cn.insurer.archive.custody;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the stored objects that items refer to, in hash order, a page at a time. The checkpoint is
 * the last hash handed out; without one (a sweep resumed after the server stopped) it starts after
 * the last hash whose results were committed.
 */
@Named("custodyContentReader")
@Dependent
public class ContentReader extends AbstractItemReader {

    private static final int PAGE = 100;

    @Inject
    JobContext job;

    @Inject
    CustodyChecks checks;

    private final Deque<StoredContent> buffer = new ArrayDeque<>();
    private String last;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        last = checkpoint != null ? (String) checkpoint : checks.resumePoint(CustodyJob.checkId(job));
    }

    @Override
    public Object readItem() {
        if (buffer.isEmpty() && !exhausted) {
            buffer.addAll(checks.page(last, PAGE));
            exhausted = buffer.size() < PAGE;
        }
        StoredContent next = buffer.poll();
        if (next != null) {
            last = next.sha256();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
