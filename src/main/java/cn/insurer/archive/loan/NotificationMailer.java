package cn.insurer.archive.loan;

import cn.insurer.archive.access.User;
import cn.insurer.archive.access.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mails kept notifications through Jakarta Mail when an SMTP server is configured
 * ({@code ARCHIVE_SMTP_HOST}); without one they are only kept. A notification is marked sent only
 * after the server took it, so a mail server that is down delays reminders but loses none.
 */
@ApplicationScoped
public class NotificationMailer {

    private static final Logger LOG = Logger.getLogger(NotificationMailer.class.getName());
    private static final int BATCH = 100;

    @Inject
    Clock clock;

    @Inject
    MailSettings settings;

    @Inject
    UserRepository users;

    @PersistenceContext
    EntityManager em;

    @Transactional
    public int deliver() {
        Optional<String> host = settings.smtpHost();
        if (host.isEmpty()) {
            return 0;
        }
        Session session = session(host.get());
        List<Notification> pending = em.createQuery("select n from Notification n where n.mailedAt is null order by n.createdAt",
                Notification.class).setMaxResults(BATCH).getResultList();
        int sent = 0;
        for (Notification notification : pending) {
            Optional<String> address = users.find(notification.recipient()).map(User::email).filter(email -> !email.isBlank());
            if (address.isEmpty()) {
                notification.mailed(clock.instant());
                continue;
            }
            try {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress(settings.smtpFrom()));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress(address.get()));
                message.setSubject(notification.subject(), StandardCharsets.UTF_8.name());
                message.setText(notification.body(), StandardCharsets.UTF_8.name());
                Transport.send(message);
                notification.mailed(clock.instant());
                sent++;
            } catch (MessagingException e) {
                LOG.log(Level.WARNING, "Could not mail a notification to " + notification.recipient() + "; it is retried later", e);
                break;
            }
        }
        return sent;
    }

    private Session session(String host) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        if (settings.smtpUser().isPresent()) {
            properties.put("mail.smtp.auth", "true");
            properties.put("mail.smtp.starttls.enable", "true");
            String user = settings.smtpUser().get();
            return Session.getInstance(properties, new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, settings.smtpPassword());
                }
            });
        }
        return Session.getInstance(properties);
    }
}
