package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.storage.StagedFile;
import cn.insurer.archive.storage.UploadStaging;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * The two parts of an item upload, read in one streaming pass over the request: the {@code file}
 * part goes straight to a staged file (hashed on the way), the {@code metadata} part is small JSON.
 */
public final class ItemUploadParts implements AutoCloseable {

    private static final int MAX_METADATA_BYTES = 64 * 1024;

    private StagedFile file;
    private String fileName;
    private String metadataJson;

    private ItemUploadParts() {
    }

    public static ItemUploadParts read(HttpServletRequest request, UploadStaging staging, long maxBytes) {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw ProblemException.unsupportedMediaType("problem.upload.not.multipart");
        }
        ItemUploadParts parts = new ItemUploadParts();
        try {
            FileItemInputIterator iterator = new JakartaServletFileUpload<>().getItemIterator(request);
            while (iterator.hasNext()) {
                FileItemInput part = iterator.next();
                switch (part.getFieldName() == null ? "" : part.getFieldName()) {
                    case "file" -> parts.takeFile(part, staging, maxBytes);
                    case "metadata" -> parts.metadataJson = readSmall(part.getInputStream());
                    default -> part.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
        } catch (FileUploadException e) {
            parts.close();
            throw ProblemException.badRequest("problem.upload.malformed", e.getMessage());
        } catch (IOException e) {
            parts.close();
            throw ProblemException.badRequest("problem.upload.interrupted", e.getMessage());
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
        if (parts.file == null) {
            throw ProblemException.badFields(List.of(new FieldError("file", "validation.upload.file.missing")));
        }
        if (parts.file.size() == 0) {
            parts.close();
            throw ProblemException.badFields(List.of(new FieldError("file", "validation.upload.file.empty")));
        }
        return parts;
    }

    private void takeFile(FileItemInput part, UploadStaging staging, long maxBytes) throws IOException {
        if (file != null) {
            throw ProblemException.badFields(List.of(new FieldError("file", "validation.upload.file.twice")));
        }
        fileName = safeFileName(part.getName());
        try (InputStream in = part.getInputStream()) {
            file = staging.stage(in, maxBytes);
        }
    }

    private static String readSmall(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_METADATA_BYTES + 1);
        if (bytes.length > MAX_METADATA_BYTES) {
            throw ProblemException.badFields(List.of(new FieldError("metadata", "validation.upload.metadata.large")));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Keeps only the last path segment a browser or script may send, and nothing unprintable. */
    static String safeFileName(String name) {
        if (name == null || name.isBlank()) {
            return "unnamed";
        }
        String noControls = name.replaceAll("\\p{Cntrl}", "").replace('\\', '/');
        String clean = noControls.substring(noControls.lastIndexOf('/') + 1).trim();
        if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
            return "unnamed";
        }
        return clean.length() > 255 ? clean.substring(clean.length() - 255) : clean;
    }

    public StagedFile file() {
        return file;
    }

    public String fileName() {
        return fileName;
    }

    public String metadataJson() {
        return metadataJson;
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }
}
