package cn.insurer.archive.access;

import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Slows password guessing down: failed password sign-ins are counted per account and per client
 * address within a window, and too many lock password sign-in there for a while, the right
 * password included. The counts live in the database (table {@code login_throttle}), on the
 * database's clock, so that every server of a cluster sees the same ones.
 *
 * <p>The account is counted under the name as typed, trimmed, width-folded and lower-cased: "Admin",
 * " admin" and "ａｄｍｉｎ" count against "admin", and names that do not exist are counted like
 * those that do, so that a lock tells nothing about which exist. An address counts failures only:
 * the many successful sign-ins of an office behind one address do not add up, and a success does
 * not clear the address's count (an attacker with an account of their own could otherwise wipe it).
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int KEY_LENGTH = 120;
    /** Old rows are swept after about this many failures on one server. */
    private static final long SWEEP_EVERY = 64;

    @PersistenceContext
    EntityManager em;

    @Inject
    AccessSettings settings;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Accounts share these by hash: a check of one account at a time needs no lock per name kept forever. */
    private static final int STRIPES = 256;
    private static final long WAIT_SECONDS = 30;
    private static final long BUSY_RETRY_SECONDS = 5;

    private final AtomicLong failuresSeen = new AtomicLong();
    private final ReentrantLock[] checking = IntStream.range(0, STRIPES).mapToObj(i -> new ReentrantLock(true))
            .toArray(ReentrantLock[]::new);

    /** Password sign-in is locked until then; the seconds are counted on the database's clock. */
    public record Lock(Instant until, long retryAfterSeconds) {

        public long minutes() {
            return Math.max(1, (retryAfterSeconds + 59) / 60);
        }
    }

    /** A few seconds, for an attempt that found the account's checks too long in line. */
    Lock busy() {
        return new Lock(Instant.now(clock).plusSeconds(BUSY_RETRY_SECONDS), BUSY_RETRY_SECONDS);
    }

    /**
     * Runs a password check of the account while no other check of it runs on this server, so that
     * guesses sent side by side are counted one after another rather than all checked before the
     * first failure is counted. Empty when the wait runs out. Several servers each check one at a
     * time, so a cluster of n lets at most n - 1 guesses past the count.
     */
    public <T> Optional<T> oneAtATime(String username, Supplier<T> check) {
        String key = accountKey(username);
        if (key == null) {
            return Optional.ofNullable(check.get());
        }
        ReentrantLock checking = this.checking[Math.floorMod(key.hashCode(), STRIPES)];
        try {
            if (!checking.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(check.get());
        } finally {
            checking.unlock();
        }
    }

    /** What the counts say before a password is checked. */
    public record Standing(Optional<Lock> lock, boolean accountHasFailures) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Standing before(String username, String address) {
        String account = accountKey(username);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select key, failures, locked_until > now(), "
                        + "cast(extract(epoch from locked_until) * 1000 as bigint), "
                        + "cast(ceil(extract(epoch from locked_until - now())) as bigint) "
                        + "from login_throttle where key in (?1, ?2)")
                .setParameter(1, account == null ? "" : account).setParameter(2, addressKey(address))
                .getResultList();
        Lock latest = null;
        boolean accountHasFailures = false;
        for (Object[] row : rows) {
            if (row[0].equals(account) && ((Number) row[1]).intValue() > 0) {
                accountHasFailures = true;
            }
            if (Boolean.TRUE.equals(row[2])) {
                Lock lock = new Lock(Instant.ofEpochMilli(((Number) row[3]).longValue()), ((Number) row[4]).longValue());
                if (latest == null || lock.until().isAfter(latest.until())) {
                    latest = lock;
                }
            }
        }
        return new Standing(Optional.ofNullable(latest), accountHasFailures);
    }

    /**
     * Counts a failed password sign-in for the account and the address; the lock it leads to, if
     * any, is audited once (the server that takes the count over the threshold records it).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Lock> failed(AuditLog.Actor actor, String username, String via) {
        Lock latest = null;
        String account = accountKey(username);
        if (account != null && settings.loginMaxFailures() > 0) {
            latest = later(latest, count(actor, account, "account", settings.loginMaxFailures(), via));
        }
        if (actor.address() != null && settings.loginAddressMaxFailures() > 0) {
            latest = later(latest, count(actor, addressKey(actor.address()), "address",
                    settings.loginAddressMaxFailures(), via));
        }
        if (failuresSeen.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        return Optional.ofNullable(latest);
    }

    /** A correct password clears the account's count, unless it is locked: a lock runs its course. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void succeeded(String username) {
        String account = accountKey(username);
        if (account != null) {
            em.createNativeQuery("delete from login_throttle where key = ?1 and (locked_until is null or locked_until <= now())")
                    .setParameter(1, account).executeUpdate();
        }
    }

    private Lock count(AuditLog.Actor actor, String key, String scope, int threshold, String via) {
        int window = settings.loginFailureWindowMinutes();
        // A window that has passed, or a lock that has ended, starts the count again.
        Object[] counted = (Object[]) em.createNativeQuery("insert into login_throttle as t (key, failures, window_start) "
                        + "values (?1, 1, now()) on conflict (key) do update set "
                        + "failures = case when t.window_start <= now() - make_interval(mins => ?2) "
                        + "or t.locked_until <= now() then 1 else t.failures + 1 end, "
                        + "window_start = case when t.window_start <= now() - make_interval(mins => ?2) "
                        + "or t.locked_until <= now() then now() else t.window_start end, "
                        + "locked_until = case when t.locked_until <= now() then null else t.locked_until end "
                        + "returning failures, coalesce(locked_until > now(), false)")
                .setParameter(1, key).setParameter(2, window).getSingleResult();
        int failures = ((Number) counted[0]).intValue();
        if (Boolean.TRUE.equals(counted[1]) || failures < threshold) {
            return Boolean.TRUE.equals(counted[1]) ? current(key) : null;
        }
        int lockMinutes = settings.loginLockMinutes();
        int locked = em.createNativeQuery("update login_throttle set locked_until = now() + make_interval(mins => ?2) "
                        + "where key = ?1 and (locked_until is null or locked_until <= now())")
                .setParameter(1, key).setParameter(2, lockMinutes).executeUpdate();
        Lock lock = current(key);
        if (locked == 1 && lock != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("scope", scope);
            details.put("failures", failures);
            details.put("windowMinutes", window);
            details.put("lockedUntil", lock.until().toString());
            details.put("lockMinutes", lockMinutes);
            details.put("via", via);
            audit.record(actor, AccessAuditActions.LOGIN_LOCKED, key.replaceFirst("^account:", "user:"), Outcome.DENIED,
                    details);
        }
        return lock;
    }

    private Lock current(String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select cast(extract(epoch from locked_until) * 1000 as bigint), "
                        + "cast(ceil(extract(epoch from locked_until - now())) as bigint) "
                        + "from login_throttle where key = ?1 and locked_until > now()")
                .setParameter(1, key).getResultList();
        return rows.isEmpty() ? null
                : new Lock(Instant.ofEpochMilli(((Number) rows.get(0)[0]).longValue()), ((Number) rows.get(0)[1]).longValue());
    }

    /** Counts whose window and lock have both long passed tell nothing any more. */
    private void sweep() {
        int keep = 2 * Math.max(settings.loginFailureWindowMinutes(), settings.loginLockMinutes());
        em.createNativeQuery("delete from login_throttle where window_start < now() - make_interval(mins => ?1) "
                        + "and (locked_until is null or locked_until < now())")
                .setParameter(1, keep).executeUpdate();
    }

    private static Lock later(Lock a, Lock b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.until().isAfter(a.until()) ? a : b;
    }

    /** The one counter of a name, however it is written; null for no name at all. */
    static String accountKey(String username) {
        if (username == null) {
            return null;
        }
        String folded = Normalizer.normalize(username, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        if (folded.isEmpty()) {
            return null;
        }
        String key = "account:" + folded;
        return key.length() > KEY_LENGTH ? key.substring(0, KEY_LENGTH) : key;
    }

    static String addressKey(String address) {
        String key = "address:" + (address == null ? "" : address);
        return key.length() > KEY_LENGTH ? key.substring(0, KEY_LENGTH) : key;
    }
}
