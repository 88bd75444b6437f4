package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.retention.Holds;
import cn.insurer.archive.retention.LegalHold;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** 冻结: legal holds by case reference; placing and releasing is the archive manager's. */
@Path("/holds")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HoldResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    Holds holds;

    /** A saved search as scope: query text with optional dossier type and product line filters. */
    public record SearchBody(String q, List<String> types, List<String> productLines) {
    }

    public record HoldBody(String reason, String caseReference, List<String> dossierIds, SearchBody search) {
    }

    public record ReleaseBody(String comment) {
    }

    public record HoldView(UUID id, String caseReference, String reason, String status, List<UUID> dossierIds, String search,
                           String placedBy, Instant placedAt, String releasedBy, Instant releasedAt, String releaseComment) {

        static HoldView of(LegalHold hold) {
            return new HoldView(hold.id(), hold.caseReference(), hold.reason(), hold.status().name(),
                    hold.dossierIds().stream().sorted().toList(), hold.scopeQuery(), hold.placedBy(), hold.placedAt(), hold.releasedBy(),
                    hold.releasedAt(), hold.releaseComment());
        }
    }

    public record HoldList(int count, List<HoldView> holds) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response place(HoldBody body) {
        User user = currentUser.require(Permission.HOLD_PLACE);
        if (body == null) {
            throw ProblemException.invalid(List.of(new FieldError("caseReference", "validation.required")));
        }
        List<UUID> ids = body.dossierIds() == null ? null : body.dossierIds().stream().map(Ids::parse).toList();
        Holds.SearchScope search = body.search() == null ? null : new Holds.SearchScope(body.search().q(),
                body.search().types() == null ? Set.of() : Set.copyOf(body.search().types()),
                body.search().productLines() == null ? Set.of() : Set.copyOf(body.search().productLines()));
        LegalHold hold = holds.place(currentUser.actor(), user, body.caseReference(), body.reason(), ids, search);
        return Response.created(UriBuilder.fromResource(HoldResource.class).path(hold.id().toString()).build())
                .entity(HoldView.of(hold)).build();
    }

    @POST
    @Path("{id}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public HoldView release(@PathParam("id") String id, ReleaseBody body) {
        currentUser.require(Permission.HOLD_RELEASE);
        return HoldView.of(holds.release(currentUser.actor(), Ids.parse(id), body == null ? null : body.comment()));
    }

    @GET
    @Transactional
    public HoldList list(@QueryParam("status") String status) {
        currentUser.require(Permission.HOLD_LIST);
        List<HoldView> views = holds.list(Ids.enumValue(LegalHold.Status.class, "status", status)).stream().map(HoldView::of).toList();
        return new HoldList(views.size(), views);
    }

    @GET
    @Path("{id}")
    @Transactional
    public HoldView get(@PathParam("id") String id) {
        currentUser.require(Permission.HOLD_READ);
        return HoldView.of(holds.find(Ids.parse(id)));
    }
}
