package cn.insurer.archive.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Password sign-in, the bootstrap administrator, and how long closed claims' personal data stays readable. */
@ApplicationScoped
public class AccessSettings {

    public static final int DEFAULT_PIPL_GRACE_DAYS = 365;

    @Inject
    @ConfigProperty(name = "archive.pipl.grace.days", defaultValue = "365")
    int piplGraceDays;

    @Inject
    @ConfigProperty(name = "archive.admin.password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "archive.login.max.failures", defaultValue = "5")
    int loginMaxFailures;

    @Inject
    @ConfigProperty(name = "archive.login.address.max.failures", defaultValue = "30")
    int loginAddressMaxFailures;

    @Inject
    @ConfigProperty(name = "archive.login.failure.window.minutes", defaultValue = "15")
    int loginFailureWindowMinutes;

    @Inject
    @ConfigProperty(name = "archive.login.lock.minutes", defaultValue = "15")
    int loginLockMinutes;

    /** Days after a claim closes during which its personal data stays readable by standing. */
    public int piplGraceDays() {
        return piplGraceDays;
    }

    public Optional<String> adminPassword() {
        return adminPassword.filter(p -> !p.isBlank());
    }

    /** Failed password sign-ins for one account within the window that lock it; 0 never locks. */
    public int loginMaxFailures() {
        return Math.max(0, loginMaxFailures);
    }

    /**
     * Failed password sign-ins from one client address within the window that lock the address;
     * higher than the account's, as an office behind one address shares it; 0 never locks.
     */
    public int loginAddressMaxFailures() {
        return Math.max(0, loginAddressMaxFailures);
    }

    /** How far back failed sign-ins are counted; a quiet window starts the count again. */
    public int loginFailureWindowMinutes() {
        return Math.max(1, loginFailureWindowMinutes);
    }

    /** How long a lock lasts; the right password during a lock is refused too. */
    public int loginLockMinutes() {
        return Math.max(1, loginLockMinutes);
    }
}
