package cn.insurer.archive.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean liveOnly = "/live".equals(request.getPathInfo());
        ArrayNode checks = JSON.createArrayNode();
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
        ObjectNode health = JSON.createObjectNode().put("status", up ? "UP" : "DOWN");
        health.set("checks", checks);
        response.getWriter().write(JSON.writeValueAsString(health));
    }

    /** A check that fails outright is down, named by its class. */
    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            return new HealthCheckResponse(check.getClass().getSimpleName(), HealthCheckResponse.Status.DOWN, java.util.Optional.empty());
        }
    }

    private static ObjectNode entry(HealthCheckResponse answer) {
        ObjectNode entry = JSON.createObjectNode().put("name", answer.getName()).put("status", answer.getStatus().name());
        answer.getData().filter(data -> !data.isEmpty()).ifPresent(data -> {
            ObjectNode values = entry.putObject("data");
            for (Map.Entry<String, Object> value : data.entrySet()) {
                if (value.getValue() instanceof Boolean flag) {
                    values.put(value.getKey(), flag);
                } else if (value.getValue() instanceof Number number) {
                    values.put(value.getKey(), number.longValue());
                } else {
                    values.put(value.getKey(), String.valueOf(value.getValue()));
                }
            }
        });
        return entry;
    }
}
