package cn.insurer.archive.storage;

import java.time.Instant;

/** An object as a bucket listing shows it; the store may not know when it was last modified. */
public record ListedObject(String key, long size, Instant lastModified) {
}
