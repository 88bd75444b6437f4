package cn.insurer.archive.search;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.Grants;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.dossier.Reading;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Search as a user sees it. The access decision is taken once, as the user's reading scope
 * ({@link AccessPolicy#scopeOf}, {@link AccessPolicy#grantScope}), and the index applies it: the
 * readable pass finds, counts, facets and highlights only documents inside it, and the title pass
 * finds only dossiers outside it, by the plain words of their titles. Each search is audited with
 * its query.
 */
@ApplicationScoped
public class Searching {

    @Inject
    SearchIndex index;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Inject
    Reading reading;

    @Inject
    SearchMetrics metrics;

    /** A hit as the caller may see it: in full, or restricted to its title. */
    public record ShownHit(Hit hit, boolean restricted) {
    }

    public record Results(long total, List<ShownHit> hits, Map<String, Map<String, Long>> facets) {

        /**
         * The page's hits under their dossiers, each dossier where its best hit ranks: what the
         * adjuster sees as one case with the matching documents beneath. A dossier shown only by
         * title keeps only its title, as its hit does.
         */
        public List<DossierGroup> groups() {
            Map<UUID, List<ShownHit>> byDossier = new LinkedHashMap<>();
            for (ShownHit shown : hits) {
                byDossier.computeIfAbsent(shown.hit().dossierId(), id -> new ArrayList<>()).add(shown);
            }
            List<DossierGroup> groups = new ArrayList<>(byDossier.size());
            byDossier.forEach((dossierId, shown) -> groups.add(DossierGroup.of(dossierId, shown)));
            return groups;
        }
    }

    /**
     * One dossier of a page of results.
     *
     * @param heading       the dossier's title, date and amount; for a restricted dossier its title alone
     * @param dossierHit    the dossier's own hit, when its title or metadata matched; null otherwise
     * @param items         the dossier's matching items, best first
     */
    public record DossierGroup(UUID dossierId, boolean restricted, Hit.DossierHeading heading, Hit dossierHit,
                               List<Hit> items) {

        static DossierGroup of(UUID dossierId, List<ShownHit> shown) {
            Hit first = shown.get(0).hit();
            if (shown.get(0).restricted()) {
                return new DossierGroup(dossierId, true, new Hit.DossierHeading(first.title(), null, null), null, List.of());
            }
            List<Hit> readable = shown.stream().filter(hit -> !hit.restricted()).map(ShownHit::hit).toList();
            Hit dossierHit = readable.stream().filter(hit -> !hit.isItem()).findFirst().orElse(null);
            List<Hit> items = readable.stream().filter(Hit::isItem).toList();
            return new DossierGroup(dossierId, false, first.dossier(), dossierHit, items);
        }
    }

    public record Similar(List<Hit> hits, List<String> sharedTerms) {
    }

    /**
     * Readable hits come first, with facets counted over them alone; after them, when the query has
     * no filters, dossiers the caller may not read whose title matches, shown by title only.
     */
    @Transactional
    public Results search(AuditLog.Actor actor, User user, SearchRequest request) {
        Results results;
        long started = System.nanoTime();
        try {
            // Titles outside the scope are shown so that they can be asked for; whoever may not borrow sees none.
            results = find(index.searcher(), readingScope(access, user), request, Permission.LOAN_REQUEST.grantedTo(user));
            metrics.searched(started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (QueryTooComplexException e) {
            throw ProblemException.badRequest("problem.search.complex");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("q", request.q());
        details.putAll(conditions(request));
        details.put("total", results.total());
        audit.record(actor, SearchAuditActions.SEARCH, null, Outcome.SUCCESS, details);
        return results;
    }

    /**
     * The search itself, without the audit record: what {@code SearchBench} measures. Readable hits
     * come first, with facets counted over them alone; after them, when the query has no filters,
     * dossiers the caller may not read whose title matches, shown by title only, when
     * {@code titlesOutsideScope} (the caller may ask to borrow them).
     *
     * <p>The reading scope is the one decision per hit: every hit of the scoped pass lies inside it
     * and is shown and highlighted, every hit of the title pass lies outside it and is shown as a
     * title. Asking {@link AccessPolicy#canRead} again per hit would only repeat the decision, on the
     * hit's indexed fields, which know less than the scope (personal data past its purpose).
     */
    static Results find(ArchiveSearcher searcher, ArchiveSearcher.ReadingScope scope, SearchRequest request,
                        boolean titlesOutsideScope)
            throws IOException {
        SearchResult readable = searcher.search(request, scope, inScope -> true);
        List<ShownHit> hits = new ArrayList<>();
        readable.hits().stream().map(hit -> new ShownHit(hit, false)).forEach(hits::add);
        long total = readable.total();
        if (titlesOutsideScope && unfiltered(request)) {
            int offset = (int) Math.max(0, request.offset() - readable.total());
            int room = request.size() - hits.size();
            SearchResult restricted = searcher.restrictedTitles(request.q(), scope, offset, Math.max(0, room));
            restricted.hits().stream().map(hit -> new ShownHit(hit.withHighlights(List.of()), true)).forEach(hits::add);
            total += restricted.total();
        }
        return new Results(total, hits, readable.facets());
    }

    /**
     * Similar dossiers among those the caller may read, with the words that connect them. The source
     * dossier must be readable (refused and audited otherwise, as any read); its words are drawn only
     * from the documents of it the caller may read, by the same scope as search.
     */
    @Transactional
    public Similar similar(AuditLog.Actor actor, User user, UUID dossierId, int size) {
        reading.dossier(actor, user, dossierId);
        try {
            SimilarResult result = index.searcher().similar(dossierId, size, readingScope(access, user));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("size", size);
            details.put("found", result.hits().size());
            audit.record(actor, SearchAuditActions.SIMILAR_SEARCH, "dossier:" + dossierId,
                    Outcome.SUCCESS, details);
            return new Similar(result.hits(), result.interestingTerms());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The access decision's rule and the user's loans in the index's terms, without the dossiers
     * whose changes the index has yet to learn of.
     */
    private ArchiveSearcher.ReadingScope readingScope(AccessPolicy access, User user) {
        Set<String> unsearched = index.unsearchedChanges().stream().map(UUID::toString).collect(Collectors.toSet());
        return standingScope(access, user).withholding(unsearched);
    }

    /** The access decision's rule, and the user's loans, in the index's terms. */
    static ArchiveSearcher.ReadingScope standingScope(AccessPolicy access, User user) {
        AccessPolicy.ReadScope scope = access.scopeOf(user);
        Set<String> levels = scope.nothing() ? Set.of("-") : scope.levels().stream().map(SecurityLevel::name).collect(Collectors.toSet());
        Set<String> departments = scope.allDepartments() || scope.department() == null ? Set.of() : Set.of(scope.department());
        Grants.Scope lent = access.grantScope(user);
        return new ArchiveSearcher.ReadingScope(levels, departments, strings(lent.dossiers()), strings(lent.itemDossiers()),
                strings(lent.items()), access.today());
    }

    private static Set<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.toSet());
    }

    private static boolean unfiltered(SearchRequest request) {
        return !request.q().isBlank() && request.types().isEmpty() && request.productLines().isEmpty()
                && request.departments().isEmpty() && request.securityLevels().isEmpty() && request.from() == null
                && request.to() == null;
    }

    /** The conditions a search was made with, only those set, each under its own key for the audit trail. */
    private static Map<String, Object> conditions(SearchRequest request) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        putIfAny(conditions, "types", request.types());
        putIfAny(conditions, "productLines", request.productLines());
        putIfAny(conditions, "departments", request.departments());
        putIfAny(conditions, "securityLevels", request.securityLevels());
        if (request.from() != null) {
            conditions.put("from", request.from().toString());
        }
        if (request.to() != null) {
            conditions.put("to", request.to().toString());
        }
        conditions.put("page", request.page() + 1);
        if (request.sort() != SearchRequest.Order.RELEVANCE) {
            conditions.put("sort", request.sort().name());
        }
        return conditions;
    }

    private static void putIfAny(Map<String, Object> details, String key, Set<String> values) {
        if (!values.isEmpty()) {
            details.put(key, values.stream().sorted().toList());
        }
    }
}
