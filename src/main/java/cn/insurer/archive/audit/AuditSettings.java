package cn.insurer.archive.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class AuditSettings {

    @Inject
    @ConfigProperty(name = "archive.audit.checkpoint.seconds", defaultValue = "60")
    int auditCheckpointSeconds;

    /** Connections reading the trail at once when it is verified; 0 chooses by the cores ({@link ChainVerifier#readers()}). */
    @Inject
    @ConfigProperty(name = "archive.audit.verify.readers", defaultValue = "0")
    int verifyReaders;

    public int auditCheckpointSeconds() {
        return auditCheckpointSeconds;
    }

    int verifyReaders() {
        return ChainVerifier.readers(verifyReaders);
    }
}
