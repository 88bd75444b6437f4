package cn.insurer.archive.search;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;

/**
 * What to search for. Each filter set is a choice of values (any of them matches); an empty set
 * does not filter. Passing the levels and departments a user may see as filters keeps totals and
 * facet counts from revealing documents the user cannot open.
 *
 * @param q         words in Chinese or English, with quotes, AND/OR and -exclusions; field names,
 *                  patterns and ranges are searched as words. Blank matches everything
 * @param from      earliest business date, inclusive; null for no lower bound
 * @param to        latest business date, inclusive; null for no upper bound. Documents without a
 *                  business date are excluded once either bound is set
 * @param page      0-based
 * @param size      hits per page; 0 for counts and facets only
 */
public record SearchRequest(
        String q,
        Set<String> types,
        Set<String> productLines,
        Set<String> departments,
        Set<String> securityLevels,
        LocalDate from,
        LocalDate to,
        int page,
        int size,
        Order sort,
        boolean everyWord) {

    /**
     * A search as people run it: documents with every word first, the rest below. {@code everyWord}
     * keeps only the first: for a scope that must not take in what merely shares a word, such as a
     * legal hold placed on a saved search.
     */
    public SearchRequest(String q, Set<String> types, Set<String> productLines, Set<String> departments,
                         Set<String> securityLevels, LocalDate from, LocalDate to, int page, int size, Order sort) {
        this(q, types, productLines, departments, securityLevels, from, to, page, size, sort, false);
    }

    public static final int MAX_SIZE = 200;
    /** Deep pages cost memory proportional to their depth; beyond this, narrow the search. */
    public static final int MAX_WINDOW = 10_000;
    /**
     * Every Chinese character becomes a bigram clause in several fields; longer queries would
     * exceed Lucene's limit of 1024 clauses per query.
     */
    public static final int MAX_QUERY_LENGTH = 200;

    public enum Order {
        RELEVANCE,
        /** Newest business date first; documents without one last. */
        DATE_DESC
    }

    public SearchRequest {
        q = q == null ? "" : q.strip();
        types = copy(types);
        productLines = copy(productLines);
        departments = copy(departments);
        securityLevels = copy(securityLevels);
        sort = sort == null ? Order.RELEVANCE : sort;
        if (q.length() > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException("query longer than " + MAX_QUERY_LENGTH + " characters");
        }
        if (page < 0 || size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page must be >= 0 and size between 0 and " + MAX_SIZE);
        }
        if (((long) page + 1) * size > MAX_WINDOW) {
            throw new IllegalArgumentException("cannot page beyond " + MAX_WINDOW + " hits");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Offset of the first hit of this page. */
    public int offset() {
        return page * size;
    }

    private static Set<String> copy(Set<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }

    public static final class Builder {
        private String q = "";
        private Set<String> types = Set.of();
        private Set<String> productLines = Set.of();
        private Set<String> departments = Set.of();
        private Set<String> securityLevels = Set.of();
        private LocalDate from;
        private LocalDate to;
        private int page;
        private int size = 20;
        private Order sort = Order.RELEVANCE;
        private boolean everyWord;

        private Builder() {
        }

        public Builder q(String q) {
            this.q = q;
            return this;
        }

        public Builder types(String... types) {
            return types(Set.copyOf(Arrays.asList(types)));
        }

        public Builder types(Set<String> types) {
            this.types = types;
            return this;
        }

        public Builder productLines(String... productLines) {
            return productLines(Set.copyOf(Arrays.asList(productLines)));
        }

        public Builder productLines(Set<String> productLines) {
            this.productLines = productLines;
            return this;
        }

        public Builder departments(String... departments) {
            return departments(Set.copyOf(Arrays.asList(departments)));
        }

        public Builder departments(Set<String> departments) {
            this.departments = departments;
            return this;
        }

        public Builder securityLevels(String... securityLevels) {
            return securityLevels(Set.copyOf(Arrays.asList(securityLevels)));
        }

        public Builder securityLevels(Set<String> securityLevels) {
            this.securityLevels = securityLevels;
            return this;
        }

        public Builder from(LocalDate from) {
            this.from = from;
            return this;
        }

        public Builder to(LocalDate to) {
            this.to = to;
            return this;
        }

        public Builder page(int page) {
            this.page = page;
            return this;
        }

        public Builder size(int size) {
            this.size = size;
            return this;
        }

        public Builder everyWord() {
            this.everyWord = true;
            return this;
        }

        public Builder sort(Order sort) {
            this.sort = sort;
            return this;
        }

        public SearchRequest build() {
            return new SearchRequest(q, types, productLines, departments, securityLevels, from, to, page, size, sort, everyWord);
        }
    }
}
