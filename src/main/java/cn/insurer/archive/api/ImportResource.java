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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bulk import (CLERK): a ZIP with its manifest, sent as the body or as the multipart part
 * {@code file}, or a server folder under an allowed root; progress and the error report.
 */
@Tag(name = "imports")
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

    @Schema(name = "ImportStarted")
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
    @Operation(operationId = "startBulkImport", summary = "批量导入 · Start a bulk import",
            description = "上传含 manifest.csv 的 ZIP（直接上传或 multipart 的 file 部分），或指定服务器上允许的文件夹（JSON）；返回 202 与导入标识。同一 ZIP 重复发送不会重复导入。需要 CLERK。\n\n" + "Uploads a ZIP holding manifest.csv (as the body, or the multipart part `file`), or names an allowed server folder (JSON); 202 with the import's id. Sending the same ZIP again imports nothing twice. Needs CLERK.")
    @RequestBody(required = true, content = {
        @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "file",
                properties = @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary", description = "ZIP 包 · The ZIP"))),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "folder",
                properties = @SchemaProperty(name = "folder", type = SchemaType.STRING, description = "服务器上允许导入的文件夹 · An allowed folder on the server")))})
    @APIResponse(responseCode = "202", description = "已开始 · Started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Started.class)))
    @APIResponse(responseCode = "413", description = "超出大小限制 · Over the size limit")
    @APIResponse(responseCode = "422", description = "字段违反规则 · A field breaks a rule")
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
    // One operation in the document: the ZIP body's, whose request body lists this form too.
    @Operation(hidden = true)
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
    // One operation in the document: the ZIP body's, whose request body lists this form too.
    @Operation(hidden = true)
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
    @Operation(operationId = "importProgress", summary = "导入进度 · Import progress",
            description = "导入的状态、总数、完成数、失败数与错误。\n\n" + "The import's status, totals and errors.")
    @APIResponse(responseCode = "200", description = "导入 · The import")
    public ImportView get(@Parameter(description = "导入标识 · The import's id (UUID)") @PathParam("id") String id) {
        ImportRun run = visible(id);
        Locale locale = Messages.choose(headers.getAcceptableLanguages());
        ImportRun.Pace pace = requests.pace(run);
        return new ImportView(run.id(), run.status(), run.source(), run.startedBy(), run.startedAt(), run.finishedAt(),
                run.total(), run.done(), run.imported(), run.skipped(), run.conflicts(), run.failed(),
                Math.round(pace.rowsPerSecond() * 100) / 100.0, pace.etaSeconds(), run.bytesRead(),
                imports.samePackage(run.id(), run.packageSha256()), imports.errorCount(run.id()),
                imports.errors(run.id(), ERRORS_SHOWN).stream()
                        .map(problem -> new ErrorView(problem.row(), problem.path(), problem.message(locale))).toList(),
                run.failure());
    }

    /** The error report as CSV for Excel: UTF-8 with a byte order mark, Chinese headings. */
    @GET
    @Path("{id}/errors")
    @Produces({"text/csv", "application/problem+json"})
    @Operation(operationId = "importErrorReport", summary = "导入错误报告 · Import error report",
            description = "导入错误的 CSV 报告。\n\n" + "The import's errors as CSV.")
    @APIResponse(responseCode = "200", description = "错误报告 · The report",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response errors(@Parameter(description = "导入标识 · The import's id (UUID)") @PathParam("id") String id) {
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
