package cn.insurer.archive.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The S3 object store the archive keeps every item's bytes in (MinIO in production). */
@ApplicationScoped
public class StorageSettings {

    @Inject
    @ConfigProperty(name = "archive.s3.endpoint", defaultValue = "http://127.0.0.1:9000")
    String s3Endpoint;

    @Inject
    @ConfigProperty(name = "archive.s3.access.key")
    Optional<String> s3AccessKey;

    @Inject
    @ConfigProperty(name = "archive.s3.secret.key")
    Optional<String> s3SecretKey;

    @Inject
    @ConfigProperty(name = "archive.s3.bucket", defaultValue = "archive")
    String s3Bucket;

    @Inject
    @ConfigProperty(name = "archive.s3.region", defaultValue = "us-east-1")
    String s3Region;

    public String s3Endpoint() {
        return s3Endpoint;
    }

    public String s3AccessKey() {
        return s3AccessKey.orElseThrow(() -> new IllegalStateException(
                "ARCHIVE_S3_ACCESS_KEY is not set: the object store needs credentials"));
    }

    public String s3SecretKey() {
        return s3SecretKey.orElseThrow(() -> new IllegalStateException(
                "ARCHIVE_S3_SECRET_KEY is not set: the object store needs credentials"));
    }

    public String s3Bucket() {
        return s3Bucket;
    }

    public String s3Region() {
        return s3Region;
    }
}
