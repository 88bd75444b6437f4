package cn.insurer.archive.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every answer of the archive carries, desk and API, error pages and style sheets
 * alike: no other site may frame it (clickjacking), browsers take content types as sent, and no
 * address of the archive (with a dossier id or a sign-in code in it) leaks to other sites as a
 * referrer. Applied by {@link SecurityHeadersFilter} and, for the answers the sign-in sends before
 * any filter runs (401, redirects to the sign-in page), by the authentication mechanism.
 */
public final class SecurityHeaders {

    /** The desk's own document viewer frames item content; nothing else is framed, by anyone. */
    private static final String FRAMED_BY_THE_DESK = "/ui/files/items/";

    private SecurityHeaders() {
    }

    public static void apply(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI() == null ? "" : request.getRequestURI().substring(
                Math.min(request.getContextPath().length(), request.getRequestURI().length()));
        if (path.startsWith(FRAMED_BY_THE_DESK)) {
            response.setHeader("X-Frame-Options", "SAMEORIGIN");
            response.setHeader("Content-Security-Policy", "frame-ancestors 'self'");
        } else {
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
    }
}
