package cn.insurer.archive.custody;

import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads the stored objects that items refer to, in hash order, a page at a time, and hands out
 * each one checked. The checks of the next few objects run ahead on other threads, so the sweep
 * waits on the object store once per several objects rather than once per object; they are handed
 * out in order all the same. The checkpoint is the last hash handed out; without one (a sweep
 * resumed after the server stopped) it starts after the last hash whose results were committed.
 * Checks begun but not handed out are simply done again after a restart.
 */
@Named("custodyContentReader")
@Dependent
public class ContentReader extends AbstractItemReader {

    private static final int PAGE = 100;
    /** As many as the custody executor has threads: the checks wait on the store, not on the cores. */
    private static final int AHEAD = 16;

    @Inject
    JobContext job;

    @Inject
    CustodyChecks checks;

    @Inject
    ContentHasher hasher;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/custody")
    ManagedExecutorService executor;

    private final Deque<StoredContent> unread = new ArrayDeque<>();
    private final Deque<CompletableFuture<CheckedContent>> ahead = new ArrayDeque<>();
    private String listed;
    private String last;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        // A chunk rolled back reopens the reader at its checkpoint: what was read ahead is read again.
        close();
        unread.clear();
        exhausted = false;
        last = checkpoint != null ? (String) checkpoint : checks.resumePoint(CustodyJob.checkId(job));
        listed = last;
    }

    @Override
    public Object readItem() throws IOException {
        while (ahead.size() < AHEAD && startNext()) {
            // keeps AHEAD checks running
        }
        CompletableFuture<CheckedContent> next = ahead.poll();
        if (next == null) {
            return null;
        }
        CheckedContent checked = result(next);
        last = checked.sha256();
        return checked;
    }

    private boolean startNext() {
        if (unread.isEmpty() && !exhausted) {
            unread.addAll(checks.page(listed, PAGE));
            exhausted = unread.size() < PAGE;
        }
        StoredContent content = unread.poll();
        if (content == null) {
            return false;
        }
        listed = content.sha256();
        ahead.add(CompletableFuture.supplyAsync(() -> {
            try {
                return hasher.check(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor));
        return true;
    }

    private static CheckedContent result(CompletableFuture<CheckedContent> check) throws IOException {
        try {
            return check.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }

    @Override
    public void close() {
        ahead.forEach(check -> check.cancel(true));
        ahead.clear();
    }
}
