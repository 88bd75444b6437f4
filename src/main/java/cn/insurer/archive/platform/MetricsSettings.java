package cn.insurer.archive.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class MetricsSettings {

    @Inject
    @ConfigProperty(name = "archive.metrics.allowed")
    Optional<String> metricsAllowed;

    /** Addresses and CIDR ranges besides loopback that may scrape {@code /metrics}, separated by commas or spaces. */
    public List<String> metricsAllowed() {
        return metricsAllowed.stream().flatMap(list -> Arrays.stream(list.split("[,\\s]+")))
                .filter(entry -> !entry.isBlank()).toList();
    }
}
