package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.User;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.report.Register;
import cn.insurer.archive.report.Registers;
import cn.insurer.archive.report.ReportFilter;
import cn.insurer.archive.report.ReportFormat;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "audit")
@Path("/reports")
@RequestScoped
public class ReportResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    Registers registers;

    @GET
    @Path("{name}")
    @Operation(operationId = "downloadReport", summary = "下载报表 · Download a report",
            description = "retention-due、destruction-register、loan-register、originals-register、access-log 或 holds，格式 csv、xlsx 或 pdf。\n\n" + "retention-due, destruction-register, loan-register, originals-register, access-log or holds, as csv, xlsx or pdf.")
    @APIResponse(responseCode = "200", description = "报表 · The report", content = {
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "503", description = "缺少中文字体，无法生成 PDF；或数据库暂不可用 · No Chinese font to render the PDF, or the database is down")
    public Response download(@Parameter(description = "报表名 · Report name", schema = @Schema(enumeration = {"retention-due", "destruction-register", "loan-register", "originals-register", "statistics", "claim-ledger", "access-log", "holds"})) @PathParam("name") String name,
                             @Parameter(description = "格式 · Format", schema = @Schema(enumeration = {"csv", "xlsx", "pdf"})) @QueryParam("format") String format,
                             @Parameter(description = "起始日期 · From date") @QueryParam("from") String from,
                             @Parameter(description = "截止日期 · To date") @QueryParam("to") String to,
                             @Parameter(description = "操作人（access-log） · Actor (access-log)") @QueryParam("actor") String actor) {
        Register register = registers.find(name).orElse(null);
        currentUser.requireAnyRole("report." + name,
                register == null ? new Role[] {Role.AUDITOR} : register.readers().toArray(Role[]::new));
        if (register == null) {
            throw ProblemException.notFound("problem.report.unknown", name);
        }
        ReportFormat reportFormat;
        try {
            reportFormat = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badFields(List.of(new FieldError("format", "validation.enum", "[csv, xlsx, pdf]")));
        }
        if (!registers.canRender(reportFormat)) {
            throw ProblemException.unavailable("problem.report.font.missing");
        }
        ReportFilter filter = new ReportFilter(AuditResource.instant("from", from, false), AuditResource.instant("to", to, true),
                actor == null || actor.isBlank() ? null : actor.trim());
        AuditLog.Actor who = currentUser.actor();
        User reader = currentUser.get();
        StreamingOutput body = out -> registers.write(who, reader, register, reportFormat, filter, out);
        String file = registers.fileName(register, reportFormat);
        return Response.ok(body, reportFormat.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }
}
