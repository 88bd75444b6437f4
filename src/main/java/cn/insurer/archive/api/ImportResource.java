package cn.insurer.archive.api;

import cn.insurer.archive.problem.JsonBodies;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.ingest.ImportLauncher;
import cn.insurer.archive.ingest.ImportPackages;
import cn.insurer.archive.ingest.ImportRequests;
import cn.insurer.archive.ingest.ImportRun;
import cn.insurer.archive.ingest.Imports;
import cn.insurer.archive.storage.StagedFile;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
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
    private static final Logger LOG = Logger.getLogger(ImportResource.class.getName());

    @Inject
    CurrentUser currentUser;

    @Inject
    ImportLauncher launcher;

    @Inject
    ImportRequests requests;

    @Inject
    ImportPackages packages;

    @Inject
    Imports imports;

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
        currentUser.require(Permission.IMPORT_START);
        try (InputStream in = request.getInputStream()) {
            return started(requests.startPackage(currentUser.actor(), stage(in)));
        } catch (IOException e) {
            throw interrupted(e);
        }
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadMultipart(@Context HttpServletRequest request) {
        currentUser.require(Permission.IMPORT_START);
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
            LOG.log(Level.INFO, "Import upload: multipart request unreadable", e);
            throw ProblemException.badRequest("problem.upload.malformed");
        } catch (IOException e) {
            discard(zip);
            throw interrupted(e);
        }
        if (zip == null) {
            throw ProblemException.badFields(List.of(new FieldError("file", "validation.upload.file.missing")));
        }
        return started(requests.startPackage(currentUser.actor(), zip));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importFolder(String body) {
        currentUser.require(Permission.IMPORT_START);
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
        return Response.ok(requests.errorReport(run, locale), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + ImportRequests.errorReportName(run.id()) + "\"")
                .build();
    }

    private ImportRun visible(String id) {
        currentUser.require(Permission.IMPORT_READ);
        return requests.visible(Ids.parse(id));
    }

    private StagedFile stage(InputStream in) throws IOException {
        return requests.stage(in);
    }

    /** The client is told the upload broke off; the container's words for it go to the log. */
    private static ProblemException interrupted(IOException e) {
        LOG.log(Level.INFO, "Import upload interrupted", e);
        return ProblemException.badRequest("problem.upload.interrupted");
    }

    private static void discard(StagedFile file) {
        if (file != null) {
            file.close();
        }
    }

    private static Response started(UUID id) {
        return Response.accepted(new Started(id))
                .location(UriBuilder.fromResource(ImportResource.class).path(id.toString()).build()).build();
    }
}
