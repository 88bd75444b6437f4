package cn.insurer.archive.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import cn.insurer.archive.platform.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;

/**
 * The S3 bucket that holds every archived byte (MinIO in production, s3proxy locally). Objects are
 * content-addressed, so putting the same bytes twice stores them once.
 */
@ApplicationScoped
public class ObjectStore {

    @Inject
    StorageSettings settings;

    private MinioClient client;
    private String bucket;

    private static final int CONCURRENT_REQUESTS = 64;

    private OkHttpClient http;

    @PostConstruct
    void connect() {
        bucket = settings.s3Bucket();
        // The S3 client runs each request through OkHttp's dispatcher, which by default lets five
        // run at once per host: the import's eight slots, the extraction feeders and the custody
        // sweep's sixteen checks all queued behind those five.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(CONCURRENT_REQUESTS);
        dispatcher.setMaxRequestsPerHost(CONCURRENT_REQUESTS);
        http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(CONCURRENT_REQUESTS, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(30))
                .readTimeout(Duration.ofMinutes(5))
                .writeTimeout(Duration.ofMinutes(5))
                .build();
        client = MinioClient.builder()
                .endpoint(settings.s3Endpoint())
                .region(settings.s3Region())
                .credentials(settings.s3AccessKey(), settings.s3SecretKey())
                .httpClient(http)
                .build();
    }

    /**
     * The HTTP client's threads would otherwise outlive an undeployment and keep the whole
     * application's classes in memory.
     */
    @PreDestroy
    void disconnect() {
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private volatile Boolean objectLock;

    /**
     * Whether the bucket enforces object lock (MinIO with a lock-enabled bucket). s3proxy does not
     * implement it; then sealed content is protected by the database and the custody checks alone.
     */
    public boolean supportsObjectLock() {
        Boolean known = objectLock;
        if (known == null) {
            try {
                client.getObjectLockConfiguration(io.minio.GetObjectLockConfigurationArgs.builder().bucket(bucket).build());
                known = true;
            } catch (Exception e) {
                known = false;
            }
            objectLock = known;
        }
        return known;
    }

    /**
     * Keeps an object (governance-mode retention) at least until the date: a later date extends the
     * lock, an earlier one leaves it as it is, since shortening it would need a governance bypass,
     * which the archive never uses. Content is shared by hash, so the longest claim on it wins.
     */
    public void retainAtLeastUntil(ContentHash hash, java.time.ZonedDateTime until) {
        try {
            java.time.ZonedDateTime current = retainedUntil(hash);
            if (current != null && !current.isBefore(until)) {
                return;
            }
            client.setObjectRetention(io.minio.SetObjectRetentionArgs.builder()
                    .bucket(bucket)
                    .object(hash.objectKey())
                    .config(new io.minio.messages.Retention(io.minio.messages.RetentionMode.GOVERNANCE, until))
                    .build());
        } catch (ObjectStoreException e) {
            throw e;
        } catch (Exception e) {
            throw new ObjectStoreException("cannot set retention on " + hash, e);
        }
    }

    void onPreparing(@Observes Startup.Preparing preparing) {
        ensureBucket();
    }

    private java.time.ZonedDateTime retainedUntil(ContentHash hash) {
        try {
            io.minio.messages.Retention retention = client.getObjectRetention(io.minio.GetObjectRetentionArgs.builder()
                    .bucket(bucket).object(hash.objectKey()).build());
            return retention == null ? null : retention.retainUntilDate();
        } catch (ErrorResponseException e) {
            // MinIO and S3 say NoSuchObjectLockConfiguration; other stores only answer 404 with another code.
            // A missing object (NoSuchKey) is an error, not an object without retention.
            String code = e.errorResponse().code();
            if ("NoSuchObjectLockConfiguration".equals(code)
                    || (e.response() != null && e.response().code() == 404 && !"NoSuchKey".equals(code))) {
                return null;
            }
            throw new ObjectStoreException("cannot read the retention of " + hash, e);
        } catch (Exception e) {
            throw new ObjectStoreException("cannot read the retention of " + hash, e);
        }
    }

    /** Sets or clears the object's S3 legal hold, which keeps it whatever its retention date says. */
    public void legalHold(ContentHash hash, boolean held) {
        try {
            if (held) {
                client.enableObjectLegalHold(io.minio.EnableObjectLegalHoldArgs.builder().bucket(bucket).object(hash.objectKey()).build());
            } else {
                client.disableObjectLegalHold(io.minio.DisableObjectLegalHoldArgs.builder().bucket(bucket).object(hash.objectKey()).build());
            }
        } catch (Exception e) {
            throw new ObjectStoreException("cannot " + (held ? "set" : "clear") + " the legal hold on " + hash, e);
        }
    }

    public void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (ErrorResponseException e) {
            // Nodes started together on a new store: another one made the bucket first.
            String code = e.errorResponse().code();
            if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                throw new ObjectStoreException("cannot prepare bucket " + bucket + " at " + settings.s3Endpoint(), e);
            }
        } catch (Exception e) {
            throw new ObjectStoreException("cannot prepare bucket " + bucket + " at " + settings.s3Endpoint(), e);
        }
    }

    /** Stores the file under its hash unless an object with that hash is already there. */
    public void putIfAbsent(ContentHash hash, Path file, String contentType) {
        if (exists(hash)) {
            return;
        }
        try {
            client.uploadObject(UploadObjectArgs.builder()
                    .bucket(bucket)
                    .object(hash.objectKey())
                    .filename(file.toString())
                    .contentType(contentType)
                    .build());
        } catch (Exception e) {
            throw new ObjectStoreException("cannot store object " + hash, e);
        }
    }

    public boolean exists(ContentHash hash) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(hash.objectKey()).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code())) {
                return false;
            }
            throw new ObjectStoreException("cannot look up object " + hash, e);
        } catch (Exception e) {
            throw new ObjectStoreException("cannot look up object " + hash, e);
        }
    }

    public InputStream open(ContentHash hash) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(hash.objectKey()).build());
        } catch (Exception e) {
            throw new ObjectStoreException("cannot read object " + hash, e);
        }
    }

    /** {@code length} bytes of the object from {@code offset}: what a player asks for with a range request. */
    public InputStream open(ContentHash hash, long offset, long length) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(hash.objectKey()).offset(offset).length(length).build());
        } catch (Exception e) {
            throw new ObjectStoreException("cannot read object " + hash, e);
        }
    }

    /** The object's bytes, or empty when the store no longer has it. */
    public Optional<InputStream> openIfPresent(ContentHash hash) {
        try {
            return Optional.of(client.getObject(GetObjectArgs.builder().bucket(bucket).object(hash.objectKey()).build()));
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw new ObjectStoreException("cannot read object " + hash, e);
        } catch (Exception e) {
            throw new ObjectStoreException("cannot read object " + hash, e);
        }
    }

    private static boolean isMissing(ErrorResponseException e) {
        return "NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code());
    }

    /**
     * Removes an object and every version the bucket keeps of it, for destruction. Content is shared
     * by hash, so the caller removes it only when no item refers to it any more.
     */
    public void remove(ContentHash hash) {
        try {
            for (String version : versions(hash)) {
                client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(hash.objectKey()).versionId(version).build());
            }
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(hash.objectKey()).build());
        } catch (Exception e) {
            throw new ObjectStoreException("cannot remove object " + hash, e);
        }
    }

    /** Older versions in a versioned bucket; stores without versioning (s3proxy) have none to list. */
    private List<String> versions(ContentHash hash) {
        List<String> versions = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(hash.objectKey()).includeVersions(true).build())) {
                Item item = result.get();
                if (item.objectName().equals(hash.objectKey()) && item.versionId() != null && !"null".equals(item.versionId())) {
                    versions.add(item.versionId());
                }
            }
        } catch (Exception e) {
            return List.of();
        }
        return versions;
    }

    /** Stores a small named document (not content-addressed), such as an audit checkpoint. */
    public void putDocument(String key, byte[] bytes, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                    .contentType(contentType)
                    .build());
        } catch (Exception e) {
            throw new ObjectStoreException("cannot store " + key, e);
        }
    }

    /** Stores a named file (not content-addressed), such as a transfer package. */
    public void putFile(String key, Path file, String contentType) {
        try {
            client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString())
                    .contentType(contentType).build());
        } catch (Exception e) {
            throw new ObjectStoreException("cannot store " + key, e);
        }
    }

    public InputStream openDocument(String key) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new ObjectStoreException("cannot read " + key, e);
        }
    }

    public byte[] readDocument(String key) {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new ObjectStoreException("cannot read " + key, e);
        }
    }

    /** Keys under a prefix, in the store's (lexicographic) order. */
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(result.get().objectName());
            }
        } catch (Exception e) {
            throw new ObjectStoreException("cannot list " + prefix, e);
        }
        return keys;
    }

    /**
     * The objects under a prefix after {@code startAfter} (null: from the first), with their size
     * and last modification, in the store's key order. The store is asked a page at a time as the
     * iterator advances, so a bucket of any size is walked in bounded memory.
     */
    public Iterator<ListedObject> objectsAfter(String prefix, String startAfter) {
        ListObjectsArgs.Builder args = ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true);
        if (startAfter != null) {
            args.startAfter(startAfter);
        }
        Iterator<Result<Item>> results = client.listObjects(args.build()).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return results.hasNext();
            }

            @Override
            public ListedObject next() {
                Item item = listed(results.next(), prefix);
                return new ListedObject(item.objectName(), item.size(),
                        item.lastModified() == null ? null : item.lastModified().toInstant());
            }
        };
    }

    private static Item listed(Result<Item> result, String prefix) {
        try {
            return result.get();
        } catch (Exception e) {
            throw new ObjectStoreException("cannot list " + prefix, e);
        }
    }

    /** True when the bucket answers; used by the health check. */
    public boolean reachable() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return false;
        }
    }
}
