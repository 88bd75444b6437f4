package cn.insurer.archive.access;

import jakarta.enterprise.context.ApplicationScoped;
import cn.insurer.archive.platform.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.logging.Logger;

/**
 * On first start against an empty user table, creates the {@code admin} user with the password from
 * {@code ARCHIVE_ADMIN_PASSWORD}, or a generated one printed once in the log. Either must pass the
 * {@link PasswordPolicy}: a weak configured password stops the start rather than guard the archive.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    private static final String ADMIN = "admin";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    UserRepository users;

    @Inject
    Credentials credentials;

    @Inject
    AccessSettings settings;

    @Inject
    Clock clock;

    @Transactional
    void onPreparing(@Observes Startup.Preparing preparing) {
        createAdminIfNoUsers();
    }

    @Transactional
    public void createAdminIfNoUsers() {
        users.lockFirstUser();
        if (users.count() > 0) {
            return;
        }
        String password = settings.adminPassword().orElseGet(AdminBootstrap::generate);
        PasswordPolicy.check(ADMIN, password).ifPresent(refusal -> {
            throw new IllegalStateException("ARCHIVE_ADMIN_PASSWORD does not satisfy the password policy ("
                    + refusal.messageKey() + "): at least " + PasswordPolicy.MIN_LENGTH + " characters of three kinds "
                    + "(lower case, upper case, digits, others), or " + PasswordPolicy.PASSPHRASE_LENGTH
                    + " of two, not containing the user name and not a common password");
        });
        users.add(new User(ADMIN, "系统管理员 Administrator", credentials.hash(password), EnumSet.of(Role.ADMIN),
                SecurityLevel.PUBLIC, null, Instant.now(clock)));
        if (settings.adminPassword().isPresent()) {
            LOG.info("Created the bootstrap user 'admin' with the password from ARCHIVE_ADMIN_PASSWORD");
        } else {
            LOG.warning("Created the bootstrap user 'admin' with the generated password: " + password
                    + "  (shown once; change it, or set ARCHIVE_ADMIN_PASSWORD before the first start)");
        }
    }

    /** Twenty letters and digits: a passphrase by length, and drawn again in the unlikely case the policy objects. */
    static String generate() {
        SecureRandom random = new SecureRandom();
        while (true) {
            StringBuilder password = new StringBuilder(20);
            for (int i = 0; i < 20; i++) {
                password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (PasswordPolicy.acceptable(ADMIN, password.toString())) {
                return password.toString();
            }
        }
    }
}
