package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.retention.RetentionRule;
import cn.insurer.archive.retention.RetentionRules;
import cn.insurer.archive.retention.RetentionSchedule;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
}
