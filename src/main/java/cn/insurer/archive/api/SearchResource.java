package cn.insurer.archive.api;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.search.Hit;
import cn.insurer.archive.search.SearchIndex;
import cn.insurer.archive.search.SearchRequest;
import cn.insurer.archive.search.Searching;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    Searching searching;

    @Inject
    SearchIndex index;

    public record HitView(UUID dossierId, UUID itemId, String title, String archivalCode, String productLine,
                          float score, List<String> highlights, boolean restricted) {

        static HitView of(Hit hit) {
            return new HitView(hit.dossierId(), hit.itemId(), hit.title(), hit.archivalCode(), hit.productLine(),
                    hit.score(), hit.highlights(), false);
        }

        /** Only that the dossier exists and its title: enough to ask for a loan, nothing of its content. */
        static HitView of(Searching.ShownHit shown) {
            Hit hit = shown.hit();
            return shown.restricted() ? new HitView(hit.dossierId(), null, hit.title(), null, null, 0f, null, true) : of(hit);
        }
    }

    public record SearchView(long total, int page, int size, List<HitView> hits,
                             Map<String, Map<String, Long>> facets) {
    }

    public record RebuildView(String state, long total, long done, String started, String finished, String failure,
                              long position, int documents) {
    }

    @GET
    @Path("search")
    public SearchView search(@QueryParam("q") String q, @QueryParam("type") List<String> types,
                             @QueryParam("productLine") List<String> productLines,
                             @QueryParam("department") List<String> departments,
                             @QueryParam("securityLevel") List<String> securityLevels,
                             @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                             @QueryParam("sort") String sort) {
        SearchRequest request;
        try {
            request = new SearchRequest(q, values(types), values(productLines), values(departments),
                    values(securityLevels), date("from", from), date("to", to), page == null ? 0 : page,
                    size == null ? 20 : size, sort == null || sort.isBlank() ? SearchRequest.Order.RELEVANCE
                    : "date".equalsIgnoreCase(sort) ? SearchRequest.Order.DATE_DESC : SearchRequest.Order.valueOf(sort));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("problem.search.invalid", e.getMessage());
        }
        Searching.Results result = searching.search(currentUser.actor(), currentUser.get(), request);
        return new SearchView(result.total(), request.page(), request.size(),
                result.hits().stream().map(HitView::of).toList(), result.facets());
    }

    @POST
    @Path("admin/index/rebuild")
    public Response rebuild() {
        currentUser.require(Permission.INDEX_REBUILD);
        index.requestRebuild();
        return Response.accepted(progress()).build();
    }

    @GET
    @Path("admin/index")
    public RebuildView progress() {
        currentUser.require(Permission.INDEX_STATUS);
        return index.rebuildProgress()
                .map(p -> new RebuildView(p.finished() == null ? "RUNNING" : p.failure() == null ? "DONE" : "FAILED",
                        p.total(), p.done(), p.started().toString(), p.finished() == null ? null : p.finished().toString(),
                        p.failure(), index.position(), index.documents()))
                .orElse(new RebuildView("IDLE", 0, 0, null, null, null, index.position(), index.documents()));
    }

    private static Set<String> values(List<String> raw) {
        Set<String> values = new LinkedHashSet<>();
        if (raw != null) {
            for (String value : raw) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.trim());
                    }
                }
            }
        }
        return values;
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badFields(List.of(new FieldError(name, "validation.date")));
        }
    }
}
