package cn.insurer.archive.custody;

import cn.insurer.archive.storage.ListedObject;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Lists every content object in the bucket, in key order, for the orphan search. Content keys are
 * {@code sha256/<first two hex digits>/<hash>}, and the listing goes one such folder at a time: a
 * store that walks its whole tree for every page of a listing (s3proxy over a folder does) then walks
 * only the folder. Each listing is a round trip of tens of milliseconds, so the next folders are
 * listed ahead on other threads, their first objects only, and handed out in order all the same.
 * The checkpoint is the last key handed out, so a restarted step lists on from there.
 */
@Named("custodyObjectLister")
@Dependent
public class ObjectLister extends AbstractItemReader {

    private static final String PREFIX = "sha256/";
    private static final int FOLDERS = 256;
    private static final int FOLDERS_AHEAD = 8;
    /** Beyond this many objects a folder listed ahead is listed on when it is reached: memory stays bounded. */
    private static final int LISTED_AHEAD = 5_000;

    @Inject
    ObjectStore objectStore;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/custody")
    ManagedExecutorService executor;

    private record FolderStart(List<ListedObject> objects, boolean complete) {
    }

    private final Deque<CompletableFuture<FolderStart>> ahead = new ArrayDeque<>();
    private Iterator<ListedObject> objects;
    /** Whether {@link #objects} ends where the current folder ends, or only where its listing ahead stopped. */
    private boolean folderComplete;
    private int folder;
    private int nextAhead;
    private String last;

    @Override
    public void open(Serializable checkpoint) {
        close();
        last = (String) checkpoint;
        folder = last == null ? 0 : Integer.parseInt(last.substring(PREFIX.length(), PREFIX.length() + 2), 16);
        objects = objectStore.objectsAfter(folderPrefix(folder), last);
        folderComplete = true;
        nextAhead = folder + 1;
    }

    @Override
    public Object readItem() {
        listAhead();
        while (!objects.hasNext()) {
            if (!folderComplete) {
                objects = objectStore.objectsAfter(folderPrefix(folder), last);
                folderComplete = true;
                continue;
            }
            CompletableFuture<FolderStart> next = ahead.poll();
            if (next == null) {
                return null;
            }
            folder++;
            FolderStart start = joined(next);
            objects = start.objects().iterator();
            folderComplete = start.complete();
            listAhead();
        }
        ListedObject next = objects.next();
        last = next.key();
        return next;
    }

    private void listAhead() {
        while (ahead.size() < FOLDERS_AHEAD && nextAhead < FOLDERS) {
            String prefix = folderPrefix(nextAhead++);
            ahead.add(CompletableFuture.supplyAsync(() -> start(prefix), executor));
        }
    }

    private FolderStart start(String prefix) {
        Iterator<ListedObject> listed = objectStore.objectsAfter(prefix, null);
        List<ListedObject> first = new ArrayList<>();
        while (first.size() < LISTED_AHEAD && listed.hasNext()) {
            first.add(listed.next());
        }
        return new FolderStart(first, first.size() < LISTED_AHEAD);
    }

    private static FolderStart joined(CompletableFuture<FolderStart> listing) {
        try {
            return listing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String folderPrefix(int folder) {
        return PREFIX + String.format("%02x/", folder);
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }

    @Override
    public void close() {
        ahead.forEach(listing -> listing.cancel(true));
        ahead.clear();
    }
}
