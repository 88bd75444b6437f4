package cn.insurer.archive.access;

import cn.insurer.archive.config.ArchiveSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.logging.Logger;

/**
 * On first start against an empty user table, creates the {@code admin} user with the password from
 * {@code ARCHIVE_ADMIN_PASSWORD}, or a generated one printed once in the log.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    UserRepository users;

    @Inject
    Credentials credentials;

    @Inject
    ArchiveSettings settings;

    @Transactional
    public void createAdminIfNoUsers() {
        if (users.count() > 0) {
            return;
        }
        String password = settings.adminPassword().orElseGet(AdminBootstrap::generate);
        users.add(new User("admin", "系统管理员 Administrator", credentials.hash(password), EnumSet.of(Role.ADMIN),
                SecurityLevel.PUBLIC, null));
        if (settings.adminPassword().isPresent()) {
            LOG.info("Created the bootstrap user 'admin' with the password from ARCHIVE_ADMIN_PASSWORD");
        } else {
            LOG.warning("Created the bootstrap user 'admin' with the generated password: " + password
                    + "  (shown once; change it, or set ARCHIVE_ADMIN_PASSWORD before the first start)");
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
