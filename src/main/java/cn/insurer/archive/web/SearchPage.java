package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.search.SearchRequest;
import cn.insurer.archive.search.Searching;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * 检索: one box, facets as filters to click on and off, highlights, paging and sort, through the
 * same Searching as the API. A restricted hit shows its title and an offer to borrow, nothing else.
 */
@Named
@ViewScoped
public class SearchPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int PAGE_SIZE = 10;
    /** The facets in the order the page shows them; the names are the index's facet fields. */
    private static final List<String> FACETS = List.of("type", "productLine", "department", "securityLevel");

    @Inject
    CurrentUser currentUser;

    @Inject
    Searching searching;

    @Inject
    Notices notices;

    @Inject
    UiText text;

    private String q;
    private SearchRequest.Order sort = SearchRequest.Order.RELEVANCE;
    private int page;
    private final Map<String, Set<String>> filters = new LinkedHashMap<>();
    private long total;
    private List<Shown> hits;
    private List<Facet> facets = List.of();

    public record Shown(UUID dossierId, UUID itemId, String title, String archivalCode, String productLine,
                        List<String> highlights, boolean restricted) implements Serializable {
    }

    public record FacetValue(String value, long count, boolean selected) implements Serializable {
    }

    public record Facet(String name, List<FacetValue> values) implements Serializable {
    }

    public void search() {
        page = 0;
        run();
    }

    public void toggle(String facet, String value) {
        Set<String> selected = filters.computeIfAbsent(facet, name -> new LinkedHashSet<>());
        if (!selected.remove(value)) {
            selected.add(value);
        }
        page = 0;
        run();
    }

    public void goTo(int newPage) {
        page = Math.max(0, newPage);
        run();
    }

    public void sortBy(String order) {
        // The desk's own buttons send the order; anything else keeps the current one.
        for (SearchRequest.Order known : SearchRequest.Order.values()) {
            if (known.name().equals(order)) {
                sort = known;
            }
        }
        page = 0;
        run();
    }

    private void run() {
        try {
            SearchRequest request = new SearchRequest(q, selected("type"), selected("productLine"), selected("department"),
                    selected("securityLevel"), null, null, page, PAGE_SIZE, sort);
            Searching.Results results = searching.search(currentUser.actor(), currentUser.get(), request);
            total = results.total();
            List<Shown> shown = new ArrayList<>();
            for (Searching.ShownHit hit : results.hits()) {
                shown.add(hit.restricted()
                        ? new Shown(hit.hit().dossierId(), null, hit.hit().title(), null, null, List.of(), true)
                        : new Shown(hit.hit().dossierId(), hit.hit().itemId(), hit.hit().title(), hit.hit().archivalCode(),
                                hit.hit().productLine(), hit.hit().highlights(), false));
            }
            hits = shown;
            facets = facetsOf(results.facets());
        } catch (IllegalArgumentException tooLong) {
            // The desk fixes page and size, so only the query's length can be out of bounds here.
            notices.problem(ProblemException.badRequest("problem.search.too.long", SearchRequest.MAX_QUERY_LENGTH));
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    private List<Facet> facetsOf(Map<String, Map<String, Long>> counted) {
        List<Facet> result = new ArrayList<>();
        for (String name : FACETS) {
            Map<String, Long> counts = counted.getOrDefault(name, Map.of());
            List<FacetValue> values = new ArrayList<>();
            counts.forEach((value, count) -> values.add(new FacetValue(value, count, selected(name).contains(value))));
            for (String value : selected(name)) {
                if (!counts.containsKey(value)) {
                    values.add(new FacetValue(value, 0, true));
                }
            }
            if (!values.isEmpty()) {
                result.add(new Facet(name, values));
            }
        }
        return result;
    }

    private Set<String> selected(String facet) {
        return filters.getOrDefault(facet, Set.of());
    }

    public String getTotalText() {
        return text.get("search.total", total);
    }

    public int getPages() {
        return (int) Math.min((total + PAGE_SIZE - 1) / PAGE_SIZE, SearchRequest.MAX_WINDOW / PAGE_SIZE);
    }

    public boolean isSearched() {
        return hits != null;
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q;
    }

    public String getSort() {
        return sort.name();
    }

    public int getPage() {
        return page;
    }

    public long getTotal() {
        return total;
    }

    public List<Shown> getHits() {
        return hits;
    }

    public List<Facet> getFacets() {
        return facets;
    }
}
