package cn.insurer.archive.api;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.User;
import cn.insurer.archive.ingest.ImportLauncher;
import cn.insurer.archive.ingest.ImportPackages;
import cn.insurer.archive.ingest.ImportRun;
import cn.insurer.archive.ingest.Imports;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.storage.StagedFile;
import cn.insurer.archive.storage.UploadStaging;
import cn.insurer.archive.storage.UploadTooLargeException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * Bulk import (CLERK): a ZIP with its manifest, sent as the body or as the multipart part
 * {@code file}, or a server folder under an allowed root; progress and the error report.
 */
@Path("/imports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    /** The JSON view lists the first errors; the CSV report has all of them. */
    static final int ERRORS_SHOWN = 1000;

    @Inject
    CurrentUser currentUser;

    @Inject
    ImportLauncher launcher;

    @Inject
    ImportPackages packages;

    @Inject
    Imports imports;

    @Inject
    AccessPolicy access;

    @Inject
    ArchiveSettings settings;

    @Context
    HttpHeaders headers;

    public record Started(UUID id) {
    }

    public record ErrorView(Integer row, String path, String message) {
    }

    public record ImportView(UUID id, String status, String source, String startedBy, Instant startedAt,
                             Instant finishedAt, int total, int done, int imported, int skipped, int conflicts,
                             int failed, double rate, Long eta, long bytesRead, List<UUID> samePackageAs,
                             int errorCount, List<ErrorView> errors, String failure) {
    }

    @POST
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    public Response uploadZip(@Context HttpServletRequest request) {
        currentUser.requireAnyRole("import.start", Role.CLERK, Role.ARCHIVE_MANAGER);
        try (InputStream in = request.getInputStream()) {
            return started(launcher.startPackage(currentUser.actor(), checkedPackage(stage(in))));
        } catch (IOException e) {
            throw ProblemException.badRequest("problem.upload.interrupted", e.getMessage());
        }
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadMultipart(@Context HttpServletRequest request) {
        currentUser.requireAnyRole("import.start", Role.CLERK, Role.ARCHIVE_MANAGER);
        StagedFile zip = null;
        try {
            FileItemInputIterator parts = new JakartaServletFileUpload<>().getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                try (InputStream in = part.getInputStream()) {
                    if ("file".equals(part.getFieldName()) && zip == null) {
                        zip = stage(in);
                    } else {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }
            }
        } catch (FileUploadException e) {
            discard(zip);
            throw ProblemException.badRequest("problem.upload.malformed", e.getMessage());
        } catch (IOException e) {
            discard(zip);
            throw ProblemException.badRequest("problem.upload.interrupted", e.getMessage());
        }
        if (zip == null) {
            throw ProblemException.badFields(List.of(new FieldError("file", "validation.upload.file.missing")));
        }
        return started(launcher.startPackage(currentUser.actor(), checkedPackage(zip)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importFolder(String body) {
        currentUser.requireAnyRole("import.start", Role.CLERK, Role.ARCHIVE_MANAGER);
        JsonNode json = JsonBodies.parse(body);
        JsonNode folder = json.isObject() ? json.get("folder") : null;
        if (folder == null || !folder.isTextual() || folder.asText().isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError("folder", "validation.required")));
        }
        java.nio.file.Path allowed = packages.allowedFolder(folder.asText()).orElseThrow(() -> {
            currentUser.deny("import.folder", folder.asText());
            return ProblemException.invalid(List.of(new FieldError("folder", "validation.import.folder")));
        });
        return started(launcher.startFolder(currentUser.actor(), allowed));
    }

    @GET
    @Path("{id}")
    public ImportView get(@PathParam("id") String id) {
        ImportRun run = visible(id);
        Locale locale = Messages.choose(headers.getAcceptableLanguages());
        Instant now = Instant.now();
        return new ImportView(run.id(), run.status(), run.source(), run.startedBy(), run.startedAt(), run.finishedAt(),
                run.total(), run.done(), run.imported(), run.skipped(), run.conflicts(), run.failed(),
                Math.round(run.rate(now) * 100) / 100.0, run.etaSeconds(now), run.bytesRead(),
                imports.samePackage(run.id(), run.packageSha256()), imports.errorCount(run.id()),
                imports.errors(run.id(), ERRORS_SHOWN).stream()
                        .map(problem -> new ErrorView(problem.row(), problem.path(), problem.message(locale))).toList(),
                run.failure());
    }

    /** The error report as CSV for Excel: UTF-8 with a byte order mark, Chinese headings. */
    @GET
    @Path("{id}/errors")
    @Produces({"text/csv", "application/problem+json"})
    public Response errors(@PathParam("id") String id) {
        ImportRun run = visible(id);
        Locale locale = Messages.choose(headers.getAcceptableLanguages());
        List<cn.insurer.archive.ingest.ImportProblem> problems = imports.errors(run.id(), Integer.MAX_VALUE);
        StringBuilder csv = new StringBuilder("\uFEFF行号,文件路径,原因\r\n");
        for (var problem : problems) {
            csv.append(problem.row() == null ? "" : problem.row()).append(',')
                    .append(cell(problem.path())).append(',').append(cell(problem.message(locale))).append("\r\n");
        }
        imports.auditErrorsDownloaded(currentUser.actor(), run.id(), problems.size());
        return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"import-" + run.id() + "-errors.csv\"")
                .build();
    }

    private ImportRun visible(String id) {
        User user = currentUser.requireAnyRole("import.read", Role.CLERK, Role.ARCHIVE_MANAGER, Role.AUDITOR);
        UUID importId = Ids.parse(id);
        ImportRun run = imports.find(importId).orElseThrow(() -> ProblemException.notFound("problem.import.unknown", importId));
        if (!access.canFollowImport(user, run.startedBy())) {
            currentUser.deny("import.read", "import:" + importId);
            throw ProblemException.notFound("problem.import.unknown", importId);
        }
        return run;
    }

    private StagedFile stage(InputStream in) throws IOException {
        try {
            StagedFile staged = new UploadStaging(packages.stagingDirectory()).stage(in, settings.importMaxBytes());
            if (staged.size() == 0) {
                staged.close();
                throw ProblemException.badFields(List.of(new FieldError("file", "validation.upload.file.empty")));
            }
            return staged;
        } catch (UploadTooLargeException e) {
            throw ProblemException.tooLarge("problem.upload.too.large", settings.importMaxBytes());
        }
    }

    /** Refuses at once what is not a ZIP with a manifest, so nothing is queued that cannot run. */
    private StagedFile checkedPackage(StagedFile zip) {
        try {
            if (!packages.readableZipWithManifest(zip.path())) {
                zip.close();
                throw ProblemException.badRequest("problem.import.manifest.missing");
            }
            return zip;
        } catch (IOException e) {
            zip.close();
            throw ProblemException.badRequest("problem.import.not.zip");
        }
    }

    private static void discard(StagedFile file) {
        if (file != null) {
            file.close();
        }
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = value.isEmpty() || "=+-@".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static Response started(UUID id) {
        return Response.accepted(new Started(id))
                .location(UriBuilder.fromResource(ImportResource.class).path(id.toString()).build()).build();
    }
}
