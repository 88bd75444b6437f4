package cn.insurer.archive.platform;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A fresh SHA-256 digest: every Java runtime has one, so its absence is a broken runtime, not a case to handle. */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
