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

/** Moves the application clock for tests; refused unless the server runs with an adjustable clock. */
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
    public ClockView get() {
        currentUser.require(Permission.CLOCK_READ);
        return view();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
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
