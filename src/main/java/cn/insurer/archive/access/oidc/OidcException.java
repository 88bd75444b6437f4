package cn.insurer.archive.access.oidc;

/**
 * A sign-in through the OpenID provider that did not succeed. The reason is a short code for the
 * audit trail; the user only learns that the sign-in failed.
 */
public class OidcException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String claimedUser;

    public OidcException(String reason, String message) {
        this(reason, message, null, null);
    }

    public OidcException(String reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    /** The claimed user is what an unverified token says, kept for the investigator, never trusted. */
    public OidcException(String reason, String message, String claimedUser, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.claimedUser = claimedUser;
    }

    public String reason() {
        return reason;
    }

    public String claimedUser() {
        return claimedUser;
    }
}
