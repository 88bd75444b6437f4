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
 * Lists every content object in the bucket, in key order, for the orphan search. Content keys are
 * {@code sha256/<first two hex digits>/<hash>}, and the listing goes one such folder at a time: a
 * store that walks its whole tree for every page of a listing (s3proxy over a folder does) then walks
 * only the folder. The checkpoint is the last key handed out, so a restarted step lists on from there.
 */
@Named("custodyObjectLister")
@Dependent
public class ObjectLister extends AbstractItemReader {

    private static final String PREFIX = "sha256/";
    private static final int FOLDERS = 256;

    @Inject
    ObjectStore objectStore;

    private Iterator<ListedObject> objects;
    private int folder;
    private String last;

    @Override
    public void open(Serializable checkpoint) {
        last = (String) checkpoint;
        folder = last == null ? 0 : Integer.parseInt(last.substring(PREFIX.length(), PREFIX.length() + 2), 16);
        objects = objectStore.objectsAfter(folderPrefix(folder), last);
    }

    @Override
    public Object readItem() {
        while (!objects.hasNext()) {
            if (folder + 1 >= FOLDERS) {
                return null;
            }
            folder++;
            objects = objectStore.objectsAfter(folderPrefix(folder), null);
        }
        ListedObject next = objects.next();
        last = next.key();
        return next;
    }

    private static String folderPrefix(int folder) {
        return PREFIX + String.format("%02x/", folder);
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
