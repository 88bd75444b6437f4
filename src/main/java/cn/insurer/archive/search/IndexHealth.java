package cn.insurer.archive.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The search index opens and answers; with how far it has indexed and whether it is being rebuilt. */
@Readiness
@ApplicationScoped
public class IndexHealth implements HealthCheck {

    @Inject
    SearchIndex index;

    @Override
    public HealthCheckResponse call() {
        if (!index.healthy()) {
            return new HealthCheckResponse("index", HealthCheckResponse.Status.DOWN, Optional.empty());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("position", index.position());
        data.put("documents", index.documents());
        data.put("rebuilding", index.rebuildProgress().map(progress -> progress.finished() == null).orElse(false));
        return new HealthCheckResponse("index", HealthCheckResponse.Status.UP, Optional.of(data));
    }
}
