package cn.insurer.archive.access;

import cn.insurer.archive.config.ShownTimes;
import cn.insurer.archive.access.oidc.OidcException;
import cn.insurer.archive.access.oidc.OidcLogin;
import cn.insurer.archive.problem.DatabaseUnavailableException;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemDocument;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.platform.SecurityHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The archive's one sign-in, against its own user store: HTTP Basic on every call to {@code /api}
 * (REST clients keep no session), and for the web desk under {@code /ui} a sign-in form, or, when
 * an OpenID provider is configured, the provider's sign-in, either remembered in the HTTP session.
 * The provider only vouches for a name: the user must exist and be enabled in the archive, whose
 * roles, clearance and department apply. Everything else (health, OpenAPI document, the desk's
 * style sheets and scripts) is open. API failures answer with problem details, never the
 * container's HTML; sign-ins to the desk and failed sign-ins on every path are audited alike.
 * Password sign-ins, Basic and form alike, go through the {@link LoginThrottle}: while an account
 * or an address is locked the API answers 429 with Retry-After and the desk says until when.
 */
@ApplicationScoped
public class ArchiveAuthentication implements HttpAuthenticationMechanism {

    private static final String API_PREFIX = "/api";
    private static final String UI_PREFIX = "/ui/";
    public static final String SIGN_IN_PAGE = "/ui/login.xhtml";
    private static final String HOME_PAGE = "/ui/home.xhtml";
    private static final String ANONYMOUS = "anonymous";
    private static final int TOO_MANY_REQUESTS = 429;
    private static final Logger LOG = Logger.getLogger(ArchiveAuthentication.class.getName());
    /** The session remembers only who signed in; roles and standing are read afresh on every request. */
    private static final String SESSION_USER = ArchiveAuthentication.class.getName() + ".user";
    /** Where a refused form sign-in leaves the lock for the sign-in page to show. */
    public static final String LOCKED = ArchiveAuthentication.class.getName() + ".locked";

    @Inject
    Credentials credentials;

    @Inject
    ShownTimes times;

    @Inject
    UserRepository users;

    @Inject
    AuditLog audit;

    @Inject
    OidcLogin oidc;

    @Inject
    LoginThrottle throttle;

    /** The outcome of a password check: the user, or a plain failure, or a lock in force. */
    private record Attempt(User user, LoginThrottle.Lock lock) {
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        // Also on the answers sent from here, before any filter runs: 401s and redirects to the sign-in page.
        SecurityHeaders.apply(request, response);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/")) {
            return basic(request, response, context, path);
        }
        if (oidc.enabled() && path.equals(OidcLogin.START)) {
            return oidcStart(request, context);
        }
        if (oidc.enabled() && path.equals(OidcLogin.CALLBACK)) {
            return oidcCallback(request, context, path);
        }
        Credential credential = context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential form) {
            return signIn(request, context, form, path);
        }
        HttpSession session = request.getSession(false);
        Object remembered = session == null ? null : session.getAttribute(SESSION_USER);
        if (remembered instanceof String username) {
            Optional<User> user = users.find(username).filter(User::enabled);
            if (user.isPresent()) {
                return notify(context, user.get());
            }
            session.invalidate();
        }
        if (isDeskPage(path)) {
            return context.redirect(request.getContextPath() + SIGN_IN_PAGE);
        }
        return context.doNothing();
    }

    /** The desk's pages, and the root that opens its home page, all need a signed-in user. */
    private static boolean isDeskPage(String path) {
        return (path.isEmpty() || path.equals("/") || path.startsWith(UI_PREFIX)) && !path.equals(SIGN_IN_PAGE);
    }

    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context,
                                        UsernamePasswordCredential form, String path) {
        String username = form.getCaller() == null ? "" : form.getCaller().trim();
        Attempt attempt = checkPassword(request, username, form.getPasswordAsString(), path, "form");
        if (attempt.user() == null) {
            if (attempt.lock() != null) {
                request.setAttribute(LOCKED, attempt.lock());
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        remember(request, attempt.user(), "form");
        return notify(context, attempt.user());
    }

    /**
     * The password check of both Basic and the form. A lock in force is answered before the
     * password is looked at, so that during a lock even the right one gets nowhere; a wrong one is
     * counted, and may start a lock. Credentials this server verified a moment ago pass without
     * hashing; any other check of an account waits for the one before it, so that guesses sent
     * side by side are counted one after the other, not all checked before the first is counted.
     */
    private Attempt checkPassword(HttpServletRequest request, String username, String password, String path, String via) {
        String address = request.getRemoteAddr();
        LoginThrottle.Standing standing = throttle.before(username, address);
        if (standing.lock().isPresent()) {
            failed(request, username, path, via, Map.of("reason", "locked"));
            return new Attempt(null, standing.lock().get());
        }
        Optional<User> recalled = username.isEmpty() ? Optional.empty() : credentials.recall(username, password);
        if (recalled.isPresent()) {
            return succeeded(username, recalled.get(), standing);
        }
        Optional<Attempt> checked = throttle.oneAtATime(username, () -> {
            LoginThrottle.Standing now = throttle.before(username, address);
            if (now.lock().isPresent()) {
                failed(request, username, path, via, Map.of("reason", "locked"));
                return new Attempt(null, now.lock().get());
            }
            Optional<User> user = username.isEmpty() ? Optional.empty() : credentials.check(username, password);
            if (user.isEmpty()) {
                failed(request, username, path, via, null);
                Optional<LoginThrottle.Lock> lock = throttle.failed(
                        new AuditLog.Actor(username.isEmpty() ? ANONYMOUS : truncate(username), address), username, via);
                return new Attempt(null, lock.orElse(null));
            }
            return succeeded(username, user.get(), now);
        });
        if (checked.isEmpty()) {
            failed(request, username, path, via, Map.of("reason", "busy"));
            return new Attempt(null, throttle.busy());
        }
        return checked.get();
    }

    private Attempt succeeded(String username, User user, LoginThrottle.Standing standing) {
        if (standing.accountHasFailures()) {
            throttle.succeeded(username);
        }
        return new Attempt(user, null);
    }

    /** The session now belongs to this user; the sign-in is audited once, not on every request after. */
    private void remember(HttpServletRequest request, User user, String via) {
        HttpSession session = request.getSession(true);
        // A new session id at sign-in, so an id planted before cannot ride on the new identity.
        request.changeSessionId();
        session.removeAttribute(OidcLogin.REFUSAL);
        session.setAttribute(SESSION_USER, user.username());
        audit.recordSeparately(new AuditLog.Actor(user.username(), request.getRemoteAddr()), AccessAuditActions.LOGIN,
                "user:" + user.username(), Outcome.SUCCESS, Map.of("via", via));
    }

    private AuthenticationStatus oidcStart(HttpServletRequest request, HttpMessageContext context) {
        try {
            return context.redirect(oidc.start(request).toString());
        } catch (OidcException e) {
            LOG.warning("OpenID sign-in cannot begin: " + e.getMessage());
            return backToSignIn(request, context, new OidcLogin.Refusal("signin.oidc.unavailable", null));
        }
    }

    /**
     * The provider's answer. Success lands on the home page with a session; a refusal goes back to
     * the sign-in page, where the form stays available, with the reason waiting in the session.
     */
    private AuthenticationStatus oidcCallback(HttpServletRequest request, HttpMessageContext context, String path) {
        String username;
        try {
            username = oidc.finish(request);
        } catch (OidcException e) {
            LOG.warning("OpenID sign-in refused (" + e.reason() + "): " + e.getMessage());
            failed(request, null, path, "oidc", Map.of("reason", e.reason(),
                    "claimed", e.claimedUser() == null ? "" : truncate(e.claimedUser())));
            return backToSignIn(request, context, new OidcLogin.Refusal("signin.oidc.failed", null));
        }
        Optional<User> user = users.find(username).filter(User::enabled);
        if (user.isEmpty()) {
            failed(request, username, path, "oidc", Map.of("reason", "unknown-or-disabled"));
            return backToSignIn(request, context, new OidcLogin.Refusal("signin.oidc.refused", truncate(username)));
        }
        if (user.get().hasRole(Role.ADMIN)) {
            // The provider vouches for a name only; an account that grants rights signs in with its own password.
            failed(request, username, path, "oidc", Map.of("reason", "administrator"));
            return backToSignIn(request, context, new OidcLogin.Refusal("signin.oidc.admin", null));
        }
        remember(request, user.get(), "oidc");
        return context.redirect(request.getContextPath() + HOME_PAGE);
    }

    private static AuthenticationStatus backToSignIn(HttpServletRequest request, HttpMessageContext context,
                                                     OidcLogin.Refusal refusal) {
        request.getSession(true).setAttribute(OidcLogin.REFUSAL, refusal);
        return context.redirect(request.getContextPath() + SIGN_IN_PAGE);
    }

    private AuthenticationStatus basic(HttpServletRequest request, HttpServletResponse response,
                                       HttpMessageContext context, String path) {
        Optional<String[]> supplied = parse(request.getHeader("Authorization"));
        if (supplied.isEmpty()) {
            return unauthorized(request, response, "problem.auth.required");
        }
        String username = supplied.get()[0];
        Attempt attempt;
        try {
            attempt = checkPassword(request, username, supplied.get()[1], path, "basic");
        } catch (RuntimeException e) {
            // Users and the throttle live in the database: while it restarts nobody can be checked.
            DatabaseUnavailableException outage = DatabaseUnavailableException.causing(e).orElseThrow(() -> e);
            return unavailable(request, response, outage);
        }
        if (attempt.lock() != null) {
            return locked(request, response, attempt.lock());
        }
        if (attempt.user() == null) {
            return unauthorized(request, response, "problem.auth.failed");
        }
        return notify(context, attempt.user());
    }

    /** Without a username (a token that did not verify names nobody), the attempt is anonymous. */
    private void failed(HttpServletRequest request, String username, String path, String via, Map<String, String> more) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("path", path);
        details.put("method", request.getMethod());
        details.put("via", via);
        if (more != null) {
            details.putAll(more);
        }
        audit.recordSeparately(new AuditLog.Actor(username == null ? ANONYMOUS : truncate(username), request.getRemoteAddr()),
                AccessAuditActions.LOGIN_FAILED, username == null ? null : "user:" + truncate(username), Outcome.DENIED, details);
    }

    private static AuthenticationStatus notify(HttpMessageContext context, User user) {
        return context.notifyContainerAboutLogin(user.username(),
                user.roles().stream().map(Role::name).collect(Collectors.toSet()));
    }

    private static Optional<String[]> parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response,
                                                     String key) {
        Locale locale = locale(request);
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"archive\", charset=\"UTF-8\"");
            response.setContentType(ProblemDocument.MEDIA_TYPE + ";charset=UTF-8");
            response.getOutputStream().write(ProblemDocument.json(401, "unauthorized", locale, key)
                    .getBytes(StandardCharsets.UTF_8));
            finish(response);
        } catch (IOException e) {
            // The client went away; there is nobody left to tell.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** 503, as the API answers it when the database fails later in a request; the operator reads the cause in the log. */
    private static AuthenticationStatus unavailable(HttpServletRequest request, HttpServletResponse response,
                                                    DatabaseUnavailableException outage) {
        LOG.warning("Cannot check the sign-in on " + request.getRequestURI() + ": " + outage.getCause());
        try {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType(ProblemDocument.MEDIA_TYPE + ";charset=UTF-8");
            response.getOutputStream().write(ProblemDocument.json(HttpServletResponse.SC_SERVICE_UNAVAILABLE, outage.type(),
                    locale(request), outage.messageKey()).getBytes(StandardCharsets.UTF_8));
            finish(response);
        } catch (IOException e) {
            // The client went away; there is nobody left to tell.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** 429 with the time the lock ends, in the caller's language and as Retry-After. */
    private AuthenticationStatus locked(HttpServletRequest request, HttpServletResponse response,
                                               LoginThrottle.Lock lock) {
        Locale locale = locale(request);
        try {
            response.setStatus(TOO_MANY_REQUESTS);
            response.setHeader("Retry-After", Long.toString(Math.max(1, lock.retryAfterSeconds())));
            response.setContentType(ProblemDocument.MEDIA_TYPE + ";charset=UTF-8");
            response.getOutputStream().write(ProblemDocument.json(TOO_MANY_REQUESTS, "too-many-sign-in-failures", locale,
                    "problem.auth.locked", lock.minutes(), untilText(lock)).getBytes(StandardCharsets.UTF_8));
            finish(response);
        } catch (IOException e) {
            // The client went away; there is nobody left to tell.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * Ends the answer here. Closing (rather than only flushing) completes it, so the container does
     * not try to send an error page of its own over it and log that it could not, a stack trace
     * for every failed guess.
     */
    private static void finish(HttpServletResponse response) throws IOException {
        response.getOutputStream().close();
    }

    /**
     * The caller's language as the API's other answers choose it: without an Accept-Language the
     * container would offer its own default locale, English, where the archive's default is Chinese.
     */
    private static Locale locale(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? Messages.DEFAULT_LOCALE
                : Messages.choose(Collections.list(request.getLocales()));
    }

    /** The end of a lock in the archive's zone, to the second: a minute cut short would send people back too early. */
    private String untilText(LoginThrottle.Lock lock) {
        return times.preciseFormatter().format(lock.until());
    }

    private static String truncate(String username) {
        return username.length() > 64 ? username.substring(0, 64) : username;
    }
}
