package cn.insurer.archive.storage;

import java.util.regex.Pattern;

/** The SHA-256 of an object's bytes, in lower-case hex: the object's identity in the store. */
public record ContentHash(String hex) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public ContentHash {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + hex);
        }
    }

    /** Fanned out by the first byte so that no folder or prefix listing grows unbounded. */
    public String objectKey() {
        return "sha256/" + hex.substring(0, 2) + "/" + hex;
    }

    @Override
    public String toString() {
        return hex;
    }
}
