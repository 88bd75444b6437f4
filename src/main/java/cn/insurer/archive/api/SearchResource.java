package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.dossier.DossierType;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "search")
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

    /**
     * The page's hits grouped under their dossiers, in the order of each dossier's best hit: the
     * dossier's title, business date and amount, its own hit when its metadata matched, and its
     * matching items. A restricted dossier is its title alone, like its hit.
     */
    public record GroupView(UUID dossierId, String title, LocalDate date, BigDecimal amount, boolean restricted,
                            HitView dossier, List<HitView> items) {

        static GroupView of(Searching.DossierGroup group) {
            if (group.restricted()) {
                return new GroupView(group.dossierId(), group.heading().title(), null, null, true, null, List.of());
            }
            return new GroupView(group.dossierId(), group.heading().title(), group.heading().date(),
                    group.heading().amount(), false, group.dossierHit() == null ? null : HitView.of(group.dossierHit()),
                    group.items().stream().map(HitView::of).toList());
        }
    }

    /** {@code hits} keeps the flat ranked list; {@code groups} shows the same page by dossier. */
    public record SearchView(long total, int page, int size, List<HitView> hits,
                             Map<String, Map<String, Long>> facets, List<GroupView> groups) {
    }

    public record RebuildView(String state, long total, long done, String started, String finished, String failure,
                              long position, int documents) {
    }

    /**
     * Every parameter arrives as text and is checked here, so that a bad one is a 400 naming the
     * parameter and what it accepts, in the caller's language: never a conversion failure of the
     * framework (which answers 404) or an exception message naming a Java type.
     */
    @GET
    @Path("search")
    @Operation(operationId = "search", summary = "全文检索 · Search",
            description = "在调用者可见范围内检索卷宗与文件，带分面；无权全文阅读的命中只给出卷宗标识与题名（restricted=true）。\n\n" + "Searches the dossiers and items within the caller's reach, with facets; hits the caller may not read in full only give the dossier id and title (restricted=true).")
    @APIResponse(responseCode = "200", description = "检索结果 · The hits")
    public SearchView search(@Parameter(description = "检索词 · Search terms") @QueryParam("q") String q,
                             @Parameter(description = "卷宗类型，可多个 · Dossier types, repeatable") @QueryParam("type") List<String> types,
                             @Parameter(description = "险种，可多个 · Product lines, repeatable") @QueryParam("productLine") List<String> productLines,
                             @Parameter(description = "部门，可多个 · Departments, repeatable") @QueryParam("department") List<String> departments,
                             @Parameter(description = "密级，可多个 · Security levels, repeatable") @QueryParam("securityLevel") List<String> securityLevels,
                             @Parameter(description = "起始日期（含） · From date, inclusive", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
                             @Parameter(description = "截止日期（含） · To date, inclusive", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
                             @Parameter(description = "页码，从 0 开始 · Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("page") String page,
                             @Parameter(description = "每页条数 · Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("size") String size,
                             @Parameter(description = "排序：相关度（默认）或日期 · Order: relevance (the default) or date") @QueryParam("sort") String sort) {
        List<FieldError> errors = new ArrayList<>();
        String query = q == null ? "" : q.strip();
        if (query.length() > SearchRequest.MAX_QUERY_LENGTH) {
            errors.add(new FieldError("q", "validation.too.long", SearchRequest.MAX_QUERY_LENGTH));
        }
        Set<String> typeValues = choices(types, DOSSIER_TYPES, "type", "validation.dossier.type", errors);
        Set<String> levelValues = choices(securityLevels, LEVELS, "securityLevel", "validation.security.level", errors);
        LocalDate fromDate = date("from", from, errors);
        LocalDate toDate = date("to", to, errors);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            errors.add(new FieldError("to", "validation.search.to.before.from"));
        }
        Integer pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE, "validation.search.page", errors);
        Integer pageSize = number("size", size, 20, 0, SearchRequest.MAX_SIZE, "validation.search.size", errors);
        if (pageNumber != null && pageSize != null && ((long) pageNumber + 1) * pageSize > SearchRequest.MAX_WINDOW) {
            errors.add(new FieldError("page", "validation.search.window", SearchRequest.MAX_WINDOW));
        }
        SearchRequest.Order order = order(sort, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badFields(errors);
        }
        SearchRequest request = new SearchRequest(query, typeValues, values(productLines), values(departments),
                levelValues, fromDate, toDate, pageNumber, pageSize, order);
        Searching.Results result = searching.search(currentUser.actor(), currentUser.get(), request);
        return new SearchView(result.total(), request.page(), request.size(),
                result.hits().stream().map(HitView::of).toList(), result.facets(),
                result.groups().stream().map(GroupView::of).toList());
    }

    @POST
    @Path("admin/index/rebuild")
    @Operation(operationId = "rebuildIndex", summary = "重建索引 · Rebuild the index",
            description = "从数据库重建检索索引（后台进行）。需要 ADMIN。\n\n" + "Rebuilds the search index from the database, in the background. Needs ADMIN.")
    @APIResponse(responseCode = "202", description = "已开始 · Started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RebuildView.class)))
    public Response rebuild() {
        currentUser.require(Permission.INDEX_REBUILD);
        index.requestRebuild();
        return Response.accepted(progress()).build();
    }

    @GET
    @Path("admin/index")
    @Operation(operationId = "indexState", summary = "索引状态 · Index state",
            description = "索引重建的进度与索引位置。需要 ADMIN。\n\n" + "Progress of an index rebuild, and the index position. Needs ADMIN.")
    @APIResponse(responseCode = "200", description = "状态 · The state")
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

    private static final Set<String> DOSSIER_TYPES = Arrays.stream(DossierType.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> LEVELS = Arrays.stream(SecurityLevel.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    /** The values of a filter with a fixed vocabulary, upper-cased; one error for any value outside it. */
    private static Set<String> choices(List<String> raw, Set<String> allowed, String name, String messageKey,
                                       List<FieldError> errors) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String value : values(raw)) {
            String upper = value.toUpperCase(Locale.ROOT);
            if (!allowed.contains(upper)) {
                errors.add(new FieldError(name, messageKey));
                return Set.of();
            }
            chosen.add(upper);
        }
        return chosen;
    }

    private static LocalDate date(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "validation.date"));
            return null;
        }
    }

    private static Integer number(String name, String value, int absent, int min, int max, String messageKey,
                                  List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below, like a number out of range.
        }
        errors.add(new FieldError(name, messageKey, max));
        return null;
    }

    /** "relevance" (the default) or "date", newest first; the order's own names are accepted too. */
    private static SearchRequest.Order order(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return SearchRequest.Order.RELEVANCE;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "relevance" -> SearchRequest.Order.RELEVANCE;
            case "date", "date_desc" -> SearchRequest.Order.DATE_DESC;
            default -> {
                errors.add(new FieldError("sort", "validation.search.sort"));
                yield SearchRequest.Order.RELEVANCE;
            }
        };
    }
}
