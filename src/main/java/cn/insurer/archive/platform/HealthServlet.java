package cn.insurer.archive.platform;

import cn.insurer.archive.extraction.ExtractionWorkers;
import cn.insurer.archive.search.SearchIndex;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * {@code /health} (and {@code /health/ready}): database, object store and index, each with its own
 * status; 503 when any is down. {@code /health/live} only says the process answers.
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

    @Resource(lookup = "java:jboss/datasources/ArchiveDS")
    DataSource dataSource;

    @Inject
    ObjectStore objectStore;

    @Inject
    SearchIndex index;

    @Inject
    ExtractionWorkers extraction;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean liveOnly = "/live".equals(request.getPathInfo());
        JsonArrayBuilder checks = Json.createArrayBuilder();
        boolean up = true;
        if (!liveOnly) {
            boolean database = database();
            checks.add(check("database", database));
            boolean store = objectStore.reachable();
            checks.add(check("objectStore", store));
            boolean searchIndex = index.healthy();
            JsonObjectBuilder indexCheck = check("index", searchIndex);
            if (searchIndex) {
                indexCheck.add("data", Json.createObjectBuilder()
                        .add("position", index.position())
                        .add("documents", index.documents())
                        .add("rebuilding", index.rebuildProgress().map(p -> p.finished() == null).orElse(false)));
            }
            checks.add(indexCheck);
            checks.add(check("extraction", extraction.running()));
            up = database && store && searchIndex;
        }
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("checks", checks)
                .build().toString());
    }

    private boolean database() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static JsonObjectBuilder check(String name, boolean up) {
        return Json.createObjectBuilder().add("name", name).add("status", up ? "UP" : "DOWN");
    }
}
