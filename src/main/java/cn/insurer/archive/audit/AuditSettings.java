package cn.insurer.archive.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class AuditSettings {

    @Inject
    @ConfigProperty(name = "archive.audit.checkpoint.seconds", defaultValue = "60")
    int auditCheckpointSeconds;

    public int auditCheckpointSeconds() {
        return auditCheckpointSeconds;
    }
}
