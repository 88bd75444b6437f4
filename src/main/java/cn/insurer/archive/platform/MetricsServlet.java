package cn.insurer.archive.platform;

import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemDocument;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;

/**
 * {@code /metrics} in Prometheus's text format. Like {@code /health} it asks for no user, since
 * Prometheus scrapes without one; instead it answers only this host's loopback and the addresses
 * in {@code ARCHIVE_METRICS_ALLOWED}, and never a request that came through a proxy (one carrying
 * {@code X-Forwarded-For} or {@code Forwarded}): the scraper reaches each node directly, while a
 * request through the public proxy or ingress, whatever address the proxy has, is refused.
 */
@WebServlet(urlPatterns = "/metrics")
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Metrics metrics;

    @Inject
    MetricsSettings settings;

    @Inject
    ArchiveSettings archiveSettings;

    private transient AddressRanges allowed;

    @Override
    public void init() throws ServletException {
        try {
            allowed = AddressRanges.parse(settings.metricsAllowed());
        } catch (IllegalArgumentException e) {
            // The scraper then sees the target fail, rather than the setting silently narrowed or widened.
            throw new ServletException("ARCHIVE_METRICS_ALLOWED: " + e.getMessage(), e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!mayScrape(request)) {
            refuse(request, response);
            return;
        }
        byte[] body = metrics.scrape(archiveSettings.nodeName()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MetricsText.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private boolean mayScrape(HttpServletRequest request) {
        return request.getHeader("X-Forwarded-For") == null && request.getHeader("Forwarded") == null
                && allowed.contains(request.getRemoteAddr());
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = request.getHeader("Accept-Language") == null ? Messages.DEFAULT_LOCALE
                : Messages.choose(Collections.list(request.getLocales()));
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(ProblemDocument.MEDIA_TYPE + ";charset=UTF-8");
        response.getOutputStream().write(ProblemDocument.json(HttpServletResponse.SC_FORBIDDEN, "metrics-not-allowed", locale,
                "problem.metrics.not.allowed").getBytes(StandardCharsets.UTF_8));
    }
}
