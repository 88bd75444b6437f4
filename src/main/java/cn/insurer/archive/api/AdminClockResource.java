package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.platform.Clocks;
import cn.insurer.archive.retention.RetentionAuditActions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Moves the application clock for tests; refused unless the server runs with an adjustable clock. */
@Tag(name = "administration")
@Path("/admin/clock")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminClockResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    Clocks clocks;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    public record ClockBody(Long offsetDays) {
    }

    public record ClockView(Instant now, long offsetDays, boolean adjustable) {
    }

    @GET
    @Operation(operationId = "readSystemClock", summary = "系统时钟 · System clock",
            description = "系统时间及测试环境的偏移天数。需要 ADMIN。\n\n" + "The archive's time and, on test systems, its offset in days. Needs ADMIN.")
    @APIResponse(responseCode = "200", description = "时钟 · The clock")
    public ClockView get() {
        currentUser.require(Permission.CLOCK_READ);
        return view();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "shiftSystemClock", summary = "调整系统时钟 · Shift the system clock",
            description = "仅测试环境可用：将时钟前移若干天，用于验证保管期限。需要 ADMIN。\n\n" + "Test systems only: moves the clock by some days, to try retention. Needs ADMIN.")
    @APIResponse(responseCode = "200", description = "时钟 · The clock")
    @APIResponse(responseCode = "409", description = "本系统不允许调整时钟 · This system's clock cannot be shifted")
    @APIResponse(responseCode = "422", description = "字段违反规则 · A field breaks a rule")
    public ClockView shift(ClockBody body) {
        currentUser.require(Permission.CLOCK_SHIFT);
        if (body == null || body.offsetDays() == null) {
            throw ProblemException.invalid(List.of(new FieldError("offsetDays", "validation.required")));
        }
        if (!clocks.shift(Duration.ofDays(body.offsetDays()))) {
            throw ProblemException.conflict("problem.clock.fixed");
        }
        audit.record(currentUser.actor(), RetentionAuditActions.CLOCK_SHIFTED, "clock", Outcome.SUCCESS,
                Map.of("offsetDays", body.offsetDays()));
        return view();
    }

    private ClockView view() {
        return new ClockView(clock.instant(), clocks.offset().toDays(), clocks.adjustable());
    }
}
