package cn.insurer.archive.access;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final Instant CHECKED = Instant.parse("2026-03-02T08:00:00Z");
    private static final String PASSWORD = "Bamboo-Kettle-42";

    private final Credentials credentials = new Credentials();

    @BeforeEach
    void oneClerk() {
        User clerk = new User("clerk", "clerk", credentials.hash(PASSWORD), EnumSet.of(Role.CLERK), SecurityLevel.INTERNAL,
                null, CHECKED);
        credentials.users = new OneUser(clerk);
        at(CHECKED);
    }

    private void at(Instant now) {
        credentials.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    @Test
    void aPassedCheckIsRecalledForFiveMinutesOfTheApplicationsClock() {
        assertTrue(credentials.recall("clerk", PASSWORD).isEmpty(), "nothing was checked yet");
        assertTrue(credentials.check("clerk", PASSWORD).isPresent());

        at(CHECKED.plus(Duration.ofMinutes(5)).minusMillis(1));
        assertTrue(credentials.recall("clerk", PASSWORD).isPresent());
        assertTrue(credentials.recall("clerk", "Bamboo-Kettle-43").isEmpty(), "only the very password that passed");

        at(CHECKED.plus(Duration.ofMinutes(5)));
        assertTrue(credentials.recall("clerk", PASSWORD).isEmpty(), "after five minutes the password is hashed again");
    }

    /** Only {@link #find} is asked for by a check. */
    private record OneUser(User user) implements UserRepository {

        @Override
        public Optional<User> find(String username) {
            return Optional.of(user).filter(found -> found.username().equals(username));
        }

        @Override
        public void add(User added) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean existsIgnoringCase(String username) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void lockFirstUser() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<User> list(int first, int size) {
            throw new UnsupportedOperationException();
        }
    }
}
