package cn.insurer.archive.ingest;

import java.io.InputStream;

/**
 * Reads a compressed entry while watching how far it expands: past {@code ratio} times its
 * compressed size (and beyond a small allowance for tiny, very regular files) it is refused as a
 * zip bomb before it can fill the disk.
 */
final class BoundedEntryStream extends CountingInputStream {

    /** Small files may compress very well (a page of spaces) without being hostile. */
    static final long ALLOWANCE = 1024L * 1024;

    private final long limit;
    private final int ratio;
    private long count;

    BoundedEntryStream(InputStream in, long compressedSize, int ratio) {
        super(in);
        this.ratio = ratio;
        this.limit = Math.max(ALLOWANCE, Math.max(compressedSize, 1) * ratio);
    }

    @Override
    protected void counted(long bytes) {
        count += bytes;
        if (count > limit) {
            throw new RowRefused("import.file.ratio", ratio);
        }
    }
}
