package cn.insurer.archive.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a username and password against the user store. PBKDF2 is deliberately slow, and HTTP
 * Basic sends the password with every call, so a successful check is remembered for a short while
 * as a salted digest; any change to the user forgets it.
 */
@ApplicationScoped
public class Credentials {

    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);

    /** A well-formed hash no password matches, checked for unknown users to spend the same time. */
    static final String UNKNOWN_USER_HASH =
            "pbkdf2-sha256$310000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @Inject
    UserRepository users;

    @Inject
    Clock clock;

    private final PasswordHasher hasher = new PasswordHasher();
    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();
    private final byte[] pepper = new byte[32];

    public Credentials() {
        new SecureRandom().nextBytes(pepper);
    }

    /** The enabled user these credentials belong to, or empty. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<User> check(String username, String password) {
        Optional<User> user = users.find(username).filter(User::enabled);
        if (user.isEmpty()) {
            // Same cost as a real check, so that response time does not reveal which names exist.
            hasher.matches(password.toCharArray(), UNKNOWN_USER_HASH);
            return Optional.empty();
        }
        String digest = digest(username, password, user.get().passwordHash());
        Remembered remembered = recent.get(username);
        if (remembered != null && remembered.digest.equals(digest) && remembered.until.isAfter(Instant.now(clock))) {
            return user;
        }
        if (!hasher.matches(password.toCharArray(), user.get().passwordHash())) {
            return Optional.empty();
        }
        recent.put(username, new Remembered(digest, Instant.now(clock).plus(REMEMBER_FOR)));
        return user;
    }

    /**
     * The user, when exactly these credentials passed {@link #check} on this server a short while
     * ago and nothing about the user has changed since; never hashes, so it costs no time.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<User> recall(String username, String password) {
        Remembered remembered = recent.get(username);
        if (remembered == null || !remembered.until.isAfter(Instant.now(clock))) {
            return Optional.empty();
        }
        Optional<User> user = users.find(username).filter(User::enabled);
        if (user.isEmpty() || !remembered.digest.equals(digest(username, password, user.get().passwordHash()))) {
            return Optional.empty();
        }
        return user;
    }

    public String hash(String password) {
        return hasher.hash(password.toCharArray());
    }

    public void forget(String username) {
        recent.remove(username);
    }

    private String digest(String username, String password, String storedHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pepper);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(storedHash.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Remembered(String digest, Instant until) {
    }
}
