package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.audit.AuditEvent;
import cn.insurer.archive.audit.AuditTrail;
import cn.insurer.archive.audit.ChainVerification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int MAX_PAGE_SIZE = 500;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditTrail trail;

    public record EventView(long seq, Instant at, String actor, String action, String target, String outcome,
                            String clientAddress, JsonValue details, String previousHash, String hash) {

        static EventView of(AuditEvent event) {
            JsonValue details;
            try (var reader = Json.createReader(new StringReader(event.details()))) {
                details = reader.readValue();
            }
            return new EventView(event.seq(), event.at(), event.actor(), event.action(), event.target(),
                    event.outcome().name(), event.clientAddress(), details, event.previousHash(), event.hash());
        }
    }

    public record EventPage(long total, int page, int size, List<EventView> events) {
    }

    @GET
    public EventPage search(@QueryParam("actor") String actor, @QueryParam("action") String action,
                            @QueryParam("target") String target, @QueryParam("from") String from,
                            @QueryParam("to") String to, @QueryParam("page") Integer page,
                            @QueryParam("size") Integer size) {
        currentUser.require(Permission.AUDIT_READ);
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? 50 : size;
        if (pageNumber < 0 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("problem.paging", MAX_PAGE_SIZE);
        }
        AuditTrail.Page result = trail.search(currentUser.actor(), new AuditTrail.Filter(blank(actor), blank(action),
                blank(target), instant("from", from, false), instant("to", to, true), pageNumber, pageSize));
        return new EventPage(result.total(), pageNumber, pageSize, result.events().stream().map(EventView::of).toList());
    }

    @GET
    @Path("verify")
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
