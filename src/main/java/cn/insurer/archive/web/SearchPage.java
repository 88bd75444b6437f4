package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.dossier.DossierLookup;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.search.Hit;
import cn.insurer.archive.search.SearchRequest;
import cn.insurer.archive.search.Searching;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * 检索: one box, facets as filters to click on and off, highlights, paging and sort, through the
 * same Searching as the API. Hits are shown under their dossiers (title, date, amount, then the
 * matching documents). Everything that makes a search is in the page's address (q, type,
 * productLine, department, securityLevel, sort, page), so a search can be bookmarked, shared and
 * reached again with Back; the links on the page are plain links to other addresses. A restricted
 * hit shows its title and an offer to borrow, nothing else.
 */
@Named
@ViewScoped
public class SearchPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int PAGE_SIZE = 10;
    /** The facets in the order the page shows them; the names are the index's facet fields and the address's parameters. */
    private static final List<String> FACETS = List.of("type", "productLine", "department", "securityLevel");

    @Inject
    CurrentUser currentUser;

    @Inject
    Searching searching;

    @Inject
    DossierLookup lookup;

    @Inject
    Notices notices;

    @Inject
    UiText text;

    private String q;
    private String sortParameter;
    private String pageParameter;
    private final Map<String, String> filterParameters = new LinkedHashMap<>();
    private SearchRequest.Order sort = SearchRequest.Order.RELEVANCE;
    private int page;
    private long total;
    private List<Group> groups;
    private List<Facet> facets = List.of();
    private List<Numbered> numbered = List.of();

    /** A dossier of the page with its matching documents; a restricted one is its title alone. */
    public record Group(UUID dossierId, String title, LocalDate date, BigDecimal amount, String archivalCode,
                        String productLine, List<String> highlights, List<Item> items, boolean restricted)
            implements Serializable {
    }

    /** A dossier the query names by one of its numbers (档号, 业务号, 保单号, 赔案号), shown before the text's hits. */
    public record Numbered(UUID dossierId, String number, String type, String title, boolean archival) implements Serializable {
    }

    public record Item(UUID itemId, String title, List<String> highlights) implements Serializable {
    }

    public record FacetValue(String value, long count, boolean selected, String toggled) implements Serializable {
    }

    public record Facet(String name, List<FacetValue> values) implements Serializable {
    }

    /**
     * Runs the search the address describes; an address without a query shows the empty box. A
     * query that is exactly one readable dossier's 档号 (a scanned cover label) opens that dossier.
     */
    public String load() {
        for (SearchRequest.Order known : SearchRequest.Order.values()) {
            if (known.name().equals(sortParameter)) {
                sort = known;
            }
        }
        page = pageNumber(pageParameter);
        if (q == null || q.isBlank()) {
            return null;
        }
        run();
        if (numbered.size() == 1 && numbered.get(0).archival() && numbered.get(0).number().equalsIgnoreCase(q.trim())) {
            return "/ui/dossier.xhtml?faces-redirect=true&id=" + numbered.get(0).dossierId();
        }
        return null;
    }

    /** The box's button: the search's own address, so that it lands in the history. */
    public String search() {
        page = 0;
        pageParameter = null;
        return "/ui/search?faces-redirect=true&includeViewParams=true";
    }

    private void run() {
        try {
            numbered = lookup.find(currentUser.get(), q).stream().map(dossier -> new Numbered(dossier.id(),
                    DossierLookup.uniqueNumber(dossier), dossier.type().name(), dossier.title(), dossier.archivalCode() != null)).toList();
            SearchRequest request = new SearchRequest(q, selected("type"), selected("productLine"), selected("department"),
                    selected("securityLevel"), null, null, page, PAGE_SIZE, sort);
            Searching.Results results = searching.search(currentUser.actor(), currentUser.get(), request);
            total = results.total();
            List<Group> shown = new ArrayList<>();
            for (Searching.DossierGroup group : results.groups()) {
                shown.add(group(group));
            }
            groups = shown;
            facets = facetsOf(results.facets());
        } catch (IllegalArgumentException outOfBounds) {
            // The address can carry any query and page: a query too long or a page too deep.
            notices.problem(q.length() > SearchRequest.MAX_QUERY_LENGTH
                    ? ProblemException.badRequest("problem.search.too.long", SearchRequest.MAX_QUERY_LENGTH)
                    : ProblemException.badRequest("validation.search.window", SearchRequest.MAX_WINDOW));
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    private static Group group(Searching.DossierGroup group) {
        if (group.restricted()) {
            return new Group(group.dossierId(), group.heading().title(), null, null, null, null, List.of(), List.of(), true);
        }
        Hit any = group.dossierHit() != null ? group.dossierHit() : group.items().get(0);
        List<Item> items = group.items().stream().map(item -> new Item(item.itemId(), item.title(), item.highlights())).toList();
        return new Group(group.dossierId(), group.heading().title(), group.heading().date(), group.heading().amount(),
                any.archivalCode(), any.productLine(),
                group.dossierHit() == null ? List.of() : group.dossierHit().highlights(), items, false);
    }

    private static int pageNumber(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private List<Facet> facetsOf(Map<String, Map<String, Long>> counted) {
        List<Facet> result = new ArrayList<>();
        for (String name : FACETS) {
            Map<String, Long> counts = counted.getOrDefault(name, Map.of());
            List<FacetValue> values = new ArrayList<>();
            counts.forEach((value, count) -> values.add(facetValue(name, value, count)));
            for (String value : selected(name)) {
                if (!counts.containsKey(value)) {
                    values.add(facetValue(name, value, 0));
                }
            }
            if (!values.isEmpty()) {
                result.add(new Facet(name, values));
            }
        }
        return result;
    }

    /** The value with the facet's parameter as it is once the value is clicked: added or taken away. */
    private FacetValue facetValue(String name, String value, long count) {
        Set<String> toggled = new LinkedHashSet<>(selected(name));
        boolean selected = !toggled.add(value);
        if (selected) {
            toggled.remove(value);
        }
        return new FacetValue(value, count, selected, String.join(",", toggled));
    }

    private Set<String> selected(String facet) {
        String joined = filterParameters.get(facet);
        Set<String> values = new LinkedHashSet<>();
        if (joined != null) {
            for (String value : joined.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.strip());
                }
            }
        }
        return values;
    }

    public String getTotalText() {
        return text.get("search.total", total);
    }

    public int getPages() {
        return (int) Math.min((total + PAGE_SIZE - 1) / PAGE_SIZE, SearchRequest.MAX_WINDOW / PAGE_SIZE);
    }

    public boolean isSearched() {
        return groups != null;
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q;
    }

    /** The order as the address carries it; absent for relevance, the default. */
    public String getSort() {
        return sort == SearchRequest.Order.RELEVANCE ? null : sort.name();
    }

    public void setSort(String sort) {
        this.sortParameter = sort;
    }

    public boolean isSortedByDate() {
        return sort == SearchRequest.Order.DATE_DESC;
    }

    /** The page as the address carries it; absent for the first. */
    public String getPageParameter() {
        return page == 0 ? null : Integer.toString(page);
    }

    public void setPageParameter(String page) {
        this.pageParameter = page;
    }

    public int getPage() {
        return page;
    }

    public long getTotal() {
        return total;
    }

    /** The filters by facet name, as the address carries them (values joined by commas). */
    public Map<String, String> getFilters() {
        return filterParameters;
    }

    public List<Group> getGroups() {
        return groups;
    }

    public List<Numbered> getNumbered() {
        return numbered;
    }

    public List<Facet> getFacets() {
        return facets;
    }
}
