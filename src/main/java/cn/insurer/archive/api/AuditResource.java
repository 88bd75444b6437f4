package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.audit.AuditEvent;
import cn.insurer.archive.dossier.DossierLookup;
import cn.insurer.archive.dossier.TrailDisclosure;
import cn.insurer.archive.audit.AuditTrail;
import cn.insurer.archive.audit.ChainVerification;
import cn.insurer.archive.platform.ExactJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "audit")
@Path("/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int MAX_PAGE_SIZE = 500;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditTrail trail;

    @Inject
    DossierLookup lookup;

    @Inject
    TrailDisclosure disclosure;

    @Schema(name = "AuditEvent")
    public record EventView(long seq, Instant at, String actor, String action, String target, String outcome,
                            String clientAddress,
                            // A bare object in the published contract: a Map alone would be described with additionalProperties.
                            @Schema(type = SchemaType.OBJECT, implementation = Object.class) Map<String, Object> details,
                            String previousHash, String hash) {

        static EventView of(AuditEvent event, TrailDisclosure.Viewer viewer) {
            return new EventView(event.seq(), event.at(), event.actor(), event.action(), event.target(),
                    event.outcome().name(), event.clientAddress(),
                    ExactJson.storedObject(viewer.details(event.target(), event.details())), event.previousHash(), event.hash());
        }
    }

    public record EventPage(long total, int page, int size, List<EventView> events) {
    }

    @GET
    @Operation(operationId = "searchAuditTrail", summary = "查询审计日志 · Search the audit trail",
            description = "按操作人、动作、对象与时间查询审计事件，分页。需要 AUDITOR。事件关于查阅者无权查阅的案卷或文件时，"
                    + "其详情中记载内容的字段（题名、被保险人、金额、文件名、哈希、原因等）不显示，字段名列于 details.withheld。\n\n"
                    + "Audit events by actor, action, target and time, paged. Needs AUDITOR. For an event about a dossier or "
                    + "document the caller may not read, the details' members that record its content (title, insured, amounts, "
                    + "file name, hash, reasons) are left out and named in details.withheld.")
    @APIResponse(responseCode = "200", description = "审计事件 · The events")
    public EventPage search(@Parameter(description = "操作人 · Actor") @QueryParam("actor") String actor,
                            @Parameter(description = "动作 · Action") @QueryParam("action") String action,
                            @Parameter(description = "对象：档号、业务号、保单号、赔案号，或审计记录中的对象（如 user:…、loan:…） · "
                                    + "Target: a dossier by archival code, business key, policy or claim number, or a target as the trail records it (user:…, loan:…)") @QueryParam("target") String target,
                            @Parameter(description = "起始时间或日期 · From instant or date") @QueryParam("from") String from,
                            @Parameter(description = "截止时间或日期 · To instant or date") @QueryParam("to") String to,
                            @Parameter(description = "页码，从 0 开始 · Page number, from 0") @QueryParam("page") Integer page,
                            @Parameter(description = "每页条数 · Page size") @QueryParam("size") Integer size) {
        currentUser.require(Permission.AUDIT_READ);
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? 50 : size;
        if (pageNumber < 0 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("problem.paging", MAX_PAGE_SIZE);
        }
        AuditTrail.Page result = trail.search(currentUser.actor(), new AuditTrail.Filter(blank(actor), blank(action),
                lookup.auditTargets(currentUser.get(), target), instant("from", from, false), instant("to", to, true),
                pageNumber, pageSize));
        TrailDisclosure.Viewer viewer = disclosure.viewer(currentUser.get());
        return new EventPage(result.total(), pageNumber, pageSize,
                result.events().stream().map(event -> EventView.of(event, viewer)).toList());
    }

    @GET
    @Path("verify")
    @Operation(operationId = "verifyAuditChain", summary = "校验审计链 · Verify the audit chain",
            description = "校验审计日志的哈希链是否完整。需要 AUDITOR。\n\n" + "Checks that the audit trail's hash chain is unbroken. Needs AUDITOR.")
    @APIResponse(responseCode = "200", description = "校验结果 · The verification")
    public ChainVerification verify() {
        currentUser.require(Permission.AUDIT_VERIFY);
        return trail.verify(currentUser.actor());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** An instant, or a date meaning its start ({@code from}) or the start of the next day ({@code to}). */
    static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate date = LocalDate.parse(value.trim());
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.badFields(List.of(new FieldError(name, "validation.instant")));
            }
        }
    }
}
