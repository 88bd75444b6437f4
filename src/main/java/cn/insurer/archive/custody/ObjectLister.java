package cn.insurer.archive.custody;

import cn.insurer.archive.storage.ListedObject;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Iterator;

/**
 * Lists every content object in the bucket, in key order, for the orphan search. The checkpoint is
 * the last key handed out, so a restarted step lists on from there instead of from the start.
 */
@Named("custodyObjectLister")
@Dependent
public class ObjectLister extends AbstractItemReader {

    static final String PREFIX = "sha256/";

    @Inject
    ObjectStore objectStore;

    private Iterator<ListedObject> objects;
    private String last;

    @Override
    public void open(Serializable checkpoint) {
        last = (String) checkpoint;
        objects = objectStore.objectsAfter(PREFIX, last);
    }

    @Override
    public Object readItem() {
        if (!objects.hasNext()) {
            return null;
        }
        ListedObject next = objects.next();
        last = next.key();
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
