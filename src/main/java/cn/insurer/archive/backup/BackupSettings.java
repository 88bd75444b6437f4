package cn.insurer.archive.backup;

import java.util.Map;

/**
 * Where the archive keeps its truth, read from the same environment variables as the server: the
 * database (dumped and restored as the schema's owner, which owns every table) and the bucket.
 */
public record BackupSettings(String dbUrl, String ownerUser, String ownerPassword, String s3Endpoint, String s3Region,
        String s3AccessKey, String s3SecretKey, String bucket) {

    public static BackupSettings fromEnvironment(Map<String, String> env) {
        String user = required(env, "ARCHIVE_DB_USER");
        String password = env.getOrDefault("ARCHIVE_DB_PASSWORD", "");
        String owner = env.getOrDefault("ARCHIVE_DB_MIGRATION_USER", "");
        return new BackupSettings(required(env, "ARCHIVE_DB_URL"),
                owner.isBlank() ? user : owner,
                owner.isBlank() ? password : env.getOrDefault("ARCHIVE_DB_MIGRATION_PASSWORD", ""),
                required(env, "ARCHIVE_S3_ENDPOINT"), env.getOrDefault("ARCHIVE_S3_REGION", "us-east-1"),
                required(env, "ARCHIVE_S3_ACCESS_KEY"), required(env, "ARCHIVE_S3_SECRET_KEY"),
                env.getOrDefault("ARCHIVE_S3_BUCKET", "archive"));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }

    @Override
    public String toString() {
        return "BackupSettings[" + dbUrl + " as " + ownerUser + ", " + s3Endpoint + "/" + bucket + "]";
    }
}
