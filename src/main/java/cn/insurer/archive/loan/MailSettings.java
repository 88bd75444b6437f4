package cn.insurer.archive.loan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The SMTP server notifications (overdue loans) are mailed through. */
@ApplicationScoped
public class MailSettings {

    @Inject
    @ConfigProperty(name = "archive.smtp.host")
    Optional<String> smtpHost;

    @Inject
    @ConfigProperty(name = "archive.smtp.port", defaultValue = "25")
    int smtpPort;

    @Inject
    @ConfigProperty(name = "archive.smtp.from", defaultValue = "archive@localhost")
    String smtpFrom;

    @Inject
    @ConfigProperty(name = "archive.smtp.user")
    Optional<String> smtpUser;

    @Inject
    @ConfigProperty(name = "archive.smtp.password")
    Optional<String> smtpPassword;

    /** None means notifications are only kept and shown. */
    public Optional<String> smtpHost() {
        return smtpHost.filter(host -> !host.isBlank());
    }

    public int smtpPort() {
        return smtpPort;
    }

    public String smtpFrom() {
        return smtpFrom;
    }

    public Optional<String> smtpUser() {
        return smtpUser.filter(user -> !user.isBlank());
    }

    public String smtpPassword() {
        return smtpPassword.orElse("");
    }
}
