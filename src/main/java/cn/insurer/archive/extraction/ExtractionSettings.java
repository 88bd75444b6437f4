package cn.insurer.archive.extraction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the server runs text extraction, as configured; {@link ExtractorSettings} is what one pool of
 * extractor processes is started with, built from these.
 */
@ApplicationScoped
public class ExtractionSettings {

    @Inject
    @ConfigProperty(name = "jboss.home.dir", defaultValue = ".")
    String serverHome;

    @Inject
    @ConfigProperty(name = "archive.extraction.workers", defaultValue = "0")
    int extractionWorkers;

    @Inject
    @ConfigProperty(name = "archive.extraction.timeout.seconds", defaultValue = "120")
    int extractionTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "archive.extraction.heap", defaultValue = "512m")
    String extractionHeap;

    @Inject
    @ConfigProperty(name = "archive.extraction.max.characters", defaultValue = "5000000")
    int extractionMaxCharacters;

    @Inject
    @ConfigProperty(name = "archive.ocr.enabled", defaultValue = "true")
    boolean ocrEnabled;

    @Inject
    @ConfigProperty(name = "archive.ocr.languages", defaultValue = "chi_sim+eng")
    String ocrLanguages;

    public Path extractorHome() {
        return Path.of(serverHome, "extractor");
    }

    public int extractionWorkers() {
        return extractionWorkers > 0 ? extractionWorkers : Runtime.getRuntime().availableProcessors();
    }

    public int extractionTimeoutSeconds() {
        return extractionTimeoutSeconds;
    }

    public String extractionHeap() {
        return extractionHeap;
    }

    public int extractionMaxCharacters() {
        return extractionMaxCharacters;
    }

    public boolean ocrEnabled() {
        return ocrEnabled;
    }

    public String ocrLanguages() {
        return ocrLanguages;
    }
}
