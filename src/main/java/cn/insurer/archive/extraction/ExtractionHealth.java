package cn.insurer.archive.extraction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the extraction workers run. Reported, but the archive stays ready without them: items
 * wait in the queue and are extracted once workers run again.
 */
@Readiness
@ApplicationScoped
public class ExtractionHealth implements HealthCheck {

    @Inject
    ExtractionWorkers workers;

    @Override
    public HealthCheckResponse call() {
        return new HealthCheckResponse("extraction", HealthCheckResponse.Status.UP, Optional.of(Map.of("running", workers.running())));
    }
}
