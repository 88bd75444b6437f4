package cn.insurer.archive.platform;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health} (and {@code /health/ready}): every readiness check the packages declare (database,
 * object store, index, extraction …), each with its own status; 503 when any is down.
 * {@code /health/live} only says the process answers.
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean liveOnly = "/live".equals(request.getPathInfo());
        JsonArrayBuilder checks = Json.createArrayBuilder();
        boolean up = true;
        if (!liveOnly) {
            List<HealthCheckResponse> answers = readiness.stream().map(HealthServlet::call)
                    .sorted(Comparator.comparing(HealthCheckResponse::getName)).toList();
            for (HealthCheckResponse answer : answers) {
                checks.add(entry(answer));
                up &= answer.getStatus() == HealthCheckResponse.Status.UP;
            }
        }
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("checks", checks)
                .build().toString());
    }

    /** A check that fails outright is down, named by its class. */
    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            return new HealthCheckResponse(check.getClass().getSimpleName(), HealthCheckResponse.Status.DOWN, java.util.Optional.empty());
        }
    }

    private static JsonObjectBuilder entry(HealthCheckResponse answer) {
        JsonObjectBuilder entry = Json.createObjectBuilder().add("name", answer.getName()).add("status", answer.getStatus().name());
        answer.getData().filter(data -> !data.isEmpty()).ifPresent(data -> {
            JsonObjectBuilder values = Json.createObjectBuilder();
            for (Map.Entry<String, Object> value : data.entrySet()) {
                if (value.getValue() instanceof Boolean flag) {
                    values.add(value.getKey(), flag);
                } else if (value.getValue() instanceof Number number) {
                    values.add(value.getKey(), number.longValue());
                } else {
                    values.add(value.getKey(), String.valueOf(value.getValue()));
                }
            }
            entry.add("data", values);
        });
        return entry;
    }
}
