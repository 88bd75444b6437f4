package cn.insurer.archive.ingest;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Paths inside an import package, as the manifest and the ZIP name them. Only plain relative paths
 * are accepted: no parent steps, no absolute or drive paths, no control or invalid characters.
 * Files are never unpacked under these names, so a hostile one is reported, not followed.
 */
final class PackagePaths {

    static final int MAX_LENGTH = 1000;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private PackagePaths() {
    }

    /** The path with forward slashes and without "./" steps, or empty when it must not be used. */
    static Optional<String> normalize(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH || raw.chars().anyMatch(Character::isISOControl)
                || SafeText.firstInvalid(raw) >= 0) {
            return Optional.empty();
        }
        String path = raw.trim().replace('\\', '/');
        if (path.startsWith("/") || DRIVE.matcher(path).matches()) {
            return Optional.empty();
        }
        StringBuilder clean = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return Optional.empty();
            }
            if (clean.length() > 0) {
                clean.append('/');
            }
            clean.append(segment);
        }
        return clean.length() == 0 ? Optional.empty() : Optional.of(clean.toString());
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
