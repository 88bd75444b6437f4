package cn.insurer.archive.access;

import cn.insurer.archive.api.Messages;
import cn.insurer.archive.api.ProblemResponses;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * HTTP Basic for {@code /api} against the archive's own user store. Everything else (health,
 * OpenAPI document) is open. Failures answer with problem details, never the container's HTML.
 */
@ApplicationScoped
public class BasicAuthentication implements HttpAuthenticationMechanism {

    private static final String API_PREFIX = "/api";

    @Inject
    Credentials credentials;

    @Inject
    AuditLog audit;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.equals(API_PREFIX) && !path.startsWith(API_PREFIX + "/")) {
            return context.doNothing();
        }
        Optional<String[]> supplied = parse(request.getHeader("Authorization"));
        if (supplied.isEmpty()) {
            return unauthorized(request, response, "problem.auth.required");
        }
        String username = supplied.get()[0];
        Optional<User> user = credentials.check(username, supplied.get()[1]);
        if (user.isEmpty()) {
            audit.recordSeparately(new AuditLog.Actor(truncate(username), request.getRemoteAddr()),
                    AccessAuditActions.LOGIN_FAILED, "user:" + truncate(username), Outcome.DENIED,
                    Map.of("path", path, "method", request.getMethod()));
            return unauthorized(request, response, "problem.auth.failed");
        }
        return context.notifyContainerAboutLogin(user.get().username(),
                user.get().roles().stream().map(Role::name).collect(Collectors.toSet()));
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
        Locale locale = Messages.choose(Collections.list(request.getLocales()));
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"archive\", charset=\"UTF-8\"");
            response.setContentType(ProblemResponses.PROBLEM_JSON + ";charset=UTF-8");
            response.getOutputStream().write(ProblemResponses.json(401, "unauthorized", locale, key)
                    .getBytes(StandardCharsets.UTF_8));
            response.flushBuffer();
        } catch (IOException e) {
            // The client went away; there is nobody left to tell.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static String truncate(String username) {
        return username.length() > 64 ? username.substring(0, 64) : username;
    }
}
