package cn.insurer.archive.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The bucket answers: without it no content is stored or read. */
@Readiness
@ApplicationScoped
public class ObjectStoreHealth implements HealthCheck {

    @Inject
    ObjectStore objectStore;

    @Override
    public HealthCheckResponse call() {
        return new HealthCheckResponse("objectStore",
                objectStore.reachable() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN, Optional.empty());
    }
}
