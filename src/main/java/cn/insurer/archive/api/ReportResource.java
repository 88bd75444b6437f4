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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

@Path("/reports")
@RequestScoped
public class ReportResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    Registers registers;

    @GET
    @Path("{name}")
    public Response download(@PathParam("name") String name, @QueryParam("format") String format,
                             @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("actor") String actor) {
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
        String file = name + "-" + LocalDate.now(ZoneOffset.UTC) + "." + reportFormat.extension();
        return Response.ok(body, reportFormat.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }
}
