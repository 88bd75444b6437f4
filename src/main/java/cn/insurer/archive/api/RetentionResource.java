package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.retention.Extensions;
import cn.insurer.archive.retention.RetentionRule;
import cn.insurer.archive.retention.RetentionRules;
import cn.insurer.archive.retention.RetentionSchedule;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "retention")
@Path("/retention")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    private static final int MAX_DUE = 10_000;

    @Inject
    CurrentUser currentUser;

    @Inject
    RetentionRules rules;

    @Inject
    RetentionSchedule schedule;

    @Inject
    AccessPolicy access;

    @Inject
    Extensions extensions;

    public record Covers(Set<String> recordCategories, Set<String> dossierTypes, Set<String> documentTypes, List<String> conditions) {
    }

    public record RuleView(String id, String name, String policyVersion, String file, Covers covers, String trigger,
                           Integer years, boolean permanent, String action, String basis) {

        static RuleView of(RetentionRule rule) {
            Set<String> types = new TreeSet<>();
            rule.dossierTypes().forEach(type -> types.add(type.name()));
            return new RuleView(rule.id(), rule.name(), rule.policyVersion(), rule.file(),
                    new Covers(new TreeSet<>(rule.recordCategories()), types, new TreeSet<>(rule.documentTypes()),
                            rule.conditions().describe()),
                    rule.trigger().name(), rule.years(), rule.permanent(), rule.action().name(), rule.basis());
        }
    }

    public record RulesView(int count, List<RuleView> rules) {
    }

    public record DueView(LocalDate before, int count, List<RetentionSchedule.Due> dossiers) {
    }

    public record ExtensionBody(List<String> dossierIds, String reviewDate, String appraisal) {
    }

    public record ExtendedView(UUID dossierId, String archivalCode, String businessKey, LocalDate previousDispositionDate,
                               LocalDate dispositionDate, String state) {

        static ExtendedView of(Extensions.Extended extended) {
            return new ExtendedView(extended.dossierId(), extended.archivalCode(), extended.businessKey(),
                    extended.previousDispositionDate(), extended.decision().dispositionDate(), extended.decision().state().name());
        }
    }

    public record ExtensionView(LocalDate reviewDate, String appraisal, int count, List<ExtendedView> dossiers) {
    }

    @GET
    @Path("rules")
    @Operation(operationId = "retentionRules", summary = "保管期限规则 · Retention rules",
            description = "已加载的保管期限规则及其依据。\n\n" + "The loaded retention rules with their basis.")
    @APIResponse(responseCode = "200", description = "规则 · The rules")
    public RulesView rules() {
        currentUser.require(Permission.RETENTION_RULES);
        List<RuleView> views = rules.rules().stream().map(RuleView::of).toList();
        return new RulesView(views.size(), views);
    }

    /** Dossiers whose disposition date falls before the day (default: due by today), holds marked. */
    @GET
    @Path("due")
    @Transactional
    @Operation(operationId = "dueDossiers", summary = "到期卷宗 · Due dossiers",
            description = "处置日期早于给定日期的卷宗，标出保全。\n\n" + "Dossiers whose disposition date falls before the date, holds marked.")
    @APIResponse(responseCode = "200", description = "到期卷宗 · The due dossiers")
    public DueView due(@Parameter(description = "截止日期 · The date", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("before") String before) {
        User user = currentUser.require(Permission.RETENTION_DUE);
        LocalDate day;
        try {
            day = before == null || before.isBlank() ? schedule.today().plusDays(1) : LocalDate.parse(before.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badFields(List.of(new FieldError("before", "validation.date")));
        }
        List<RetentionSchedule.Due> due = schedule.dueBefore(day, MAX_DUE).stream()
                .filter(row -> access.canRead(user, row.asProtected())).toList();
        return new DueView(day, due.size(), due);
    }

    @POST
    @Path("extensions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "extendRetention", summary = "延长保管 · Keep dossiers longer",
            description = "鉴定后决定延长保管：卷宗在复审日期之前不到期；规则给出的日期更晚时仍以规则为准。需要 ARCHIVE_MANAGER。\n\n"
                    + "After an appraisal, keeps dossiers until a review date: they are not due before it; a later date from the rules still applies. Needs ARCHIVE_MANAGER.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExtensionBody.class),
            examples = @ExampleObject(name = "extend", summary = "涉诉理赔档案延长保管 · Keep a claim dossier under litigation", value = """
                    {"dossierIds": ["3f2b8c1e-5d4a-4c6b-9a0e-2f1d7c8b9a10"], "reviewDate": "2031-12-31", "appraisal": "该案涉及再审申请，仍有查考价值，延长保管至复审"}""")))
    @APIResponse(responseCode = "201", description = "已延长 · Kept longer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExtensionView.class)))
    @APIResponse(responseCode = "404", description = "卷宗不存在 · Unknown dossier")
    @APIResponse(responseCode = "422", description = "字段违反规则 · A field breaks a rule")
    public Response extend(ExtensionBody body) {
        User user = currentUser.require(Permission.RETENTION_EXTEND);
        if (body == null) {
            throw ProblemException.invalid(List.of(new FieldError("dossierIds", "validation.required")));
        }
        LocalDate reviewDate = null;
        if (body.reviewDate() != null && !body.reviewDate().isBlank()) {
            try {
                reviewDate = LocalDate.parse(body.reviewDate().trim());
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid(List.of(new FieldError("reviewDate", "validation.date")));
            }
        }
        List<UUID> ids = body.dossierIds() == null ? null : body.dossierIds().stream().map(Ids::parse).toList();
        List<Extensions.Extended> extended = extensions.extend(currentUser.actor(), user, ids, reviewDate, body.appraisal());
        return Response.status(Response.Status.CREATED).entity(new ExtensionView(reviewDate, body.appraisal().trim(),
                extended.size(), extended.stream().map(ExtendedView::of).toList())).build();
    }
}
