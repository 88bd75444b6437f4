package cn.insurer.archive.dossier;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.User;
import cn.insurer.archive.platform.ExactJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What of an audit event's details its viewer may see, wherever events are shown (the trail's API,
 * the desk's audit page, the access-log register). The trail is read whole: every event stays
 * listed with its actor, action, target, outcome and hash, so nothing can be cut out of an audit.
 * But the details of an event about a dossier or an item record what the record says (a title, the
 * insured, an amount, a file name, a 档号, a reason written about it), and those are shown only to
 * whoever may read the record, by the same decision as the record itself. For anyone else every
 * member outside {@link #PLAIN} is left out and named under {@code withheld}. An event is about
 * the dossiers and items its target and details name by id, and about the dossiers of the loan,
 * hold or disposition batch its target names ({@link LinkedDossiers}): an approver's comment or a
 * hold's reason can quote the record as well as a correction can.
 *
 * <p>A record that is gone is decided on what is left of it: a withdrawn item on its row, a
 * destroyed dossier on its tombstone, and what cannot be placed at all as the most secret record.
 */
@ApplicationScoped
public class TrailDisclosure {

    /** The member naming what was left out, in the order the event recorded it. */
    public static final String WITHHELD = "withheld";

    /**
     * Members that say what was done and to which record, never what the record says: ids,
     * numbers the archive assigned, codes of states, operations and levels, counts. Anything not
     * listed is withheld, so a member added later is withheld until it is judged plain.
     */
    static final Set<String> PLAIN = Set.of("dossierId", "itemId", "existingItemId", "dossiers", "items", "batch",
            "loan", "loanId", "importId", "number", "renews", "itemNumber", "operation", "action", "status", "state",
            "previousState", "event", "eventId", "kind", "type", "rule", "policyVersion", "securityLevel", "via", "as",
            "method", "step", "refusal", "total", "found", "skipped", "disposed", "imported", "failed", "approvals", "package");

    /** Members naming the records an event is about, besides its target. */
    private static final Map<String, String> NAMING = Map.of("dossierId", "dossier", "dossiers", "dossier",
            "itemId", "item", "existingItemId", "item", "items", "item");

    /** The naming members as they appear in stored JSON, to pass over events that name no record unparsed. */
    private static final List<String> NAMING_KEYS = NAMING.keySet().stream().map(key -> '"' + key + '"').toList();

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Decisions kept per viewer while one listing is shown; a long register clears them now and then. */
    private static final int REMEMBERED = 10_000;

    /** Writes decimals as stored (880000.00), never in exponent form. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    @Inject
    AccessPolicy access;

    @Inject
    DossierRepository dossiers;

    @Inject
    DisposedDossiers disposed;

    /** Loans, holds and batches: an event naming only one of them is about its dossiers. */
    @Inject
    Instance<LinkedDossiers> links;

    private Map<String, LinkedDossiers> linked;

    @PostConstruct
    void collectLinks() {
        linked = links.stream().collect(Collectors.toUnmodifiableMap(LinkedDossiers::kind, link -> link));
    }

    /** Decides for one viewer over one listing, remembering what it decided about each record. */
    public Viewer viewer(User user) {
        return new Viewer(user);
    }

    /** One viewer's decisions; not shared between threads. */
    public final class Viewer {

        private final User user;
        private final Map<String, Boolean> readable = new HashMap<>();
        private final Map<String, List<UUID>> dossiersOfTargets = new HashMap<>();

        private Viewer(User user) {
            this.user = user;
        }

        /** The details as this viewer may see them: as recorded, or with what the records say withheld. */
        public String details(String target, String details) {
            if (details == null || details.isBlank() || (!namesRecord(target) && !namesRecordIn(details))) {
                return details;
            }
            Map<String, Object> members = ExactJson.storedObject(details);
            if (mayRead(subjects(target, members).and(linkedTo(target)))) {
                return details;
            }
            Map<String, Object> shown = new LinkedHashMap<>();
            List<String> withheld = new ArrayList<>();
            members.forEach((key, value) -> {
                if (PLAIN.contains(key)) {
                    shown.put(key, value);
                } else {
                    withheld.add(key);
                }
            });
            if (withheld.isEmpty()) {
                return details;
            }
            shown.put(WITHHELD, withheld);
            try {
                return JSON.writeValueAsString(shown);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The dossiers of the loan, hold or batch the target names, looked up once per target. */
        private Collection<UUID> linkedTo(String target) {
            int colon = target == null ? -1 : target.indexOf(':');
            LinkedDossiers link = colon < 0 ? null : linked.get(target.substring(0, colon));
            if (link == null) {
                return List.of();
            }
            List<UUID> known = dossiersOfTargets.get(target);
            if (known == null) {
                if (dossiersOfTargets.size() >= REMEMBERED) {
                    dossiersOfTargets.clear();
                }
                Set<UUID> ids = new LinkedHashSet<>();
                ids(target.substring(colon + 1), ids);
                known = ids.stream().flatMap(id -> link.dossiers(id).stream()).toList();
                dossiersOfTargets.put(target, known);
            }
            return known;
        }

        private boolean mayRead(Subjects subjects) {
            for (UUID dossier : subjects.dossiers()) {
                if (!decided("dossier:" + dossier, () -> dossiers.standingOfDossier(dossier).or(() -> disposed.standing(dossier))
                        .orElseGet(RecordStanding::unplaced))) {
                    return false;
                }
            }
            for (UUID item : subjects.items()) {
                // An item gone with its dossier is decided on the dossier's tombstone when the event names the dossier.
                if (!decided("item:" + item, () -> dossiers.standingOfItem(item)
                        .orElseGet(() -> subjects.dossiers().isEmpty() ? RecordStanding.unplaced() : null))) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the viewer may read the record; a standing of null leaves the decision to the event's other records. */
        private boolean decided(String record, Supplier<RecordStanding> standing) {
            Boolean known = readable.get(record);
            if (known != null) {
                return known;
            }
            RecordStanding found = standing.get();
            if (found == null) {
                return true;
            }
            if (readable.size() >= REMEMBERED) {
                readable.clear();
            }
            boolean may = access.canRead(user, found);
            readable.put(record, may);
            return may;
        }
    }

    /** The dossiers and items an event names: its target and the members that name records. */
    record Subjects(Set<UUID> dossiers, Set<UUID> items) {

        Subjects and(Collection<UUID> moreDossiers) {
            if (moreDossiers.isEmpty()) {
                return this;
            }
            Set<UUID> all = new LinkedHashSet<>(dossiers);
            all.addAll(moreDossiers);
            return new Subjects(all, items);
        }
    }

    static Subjects subjects(String target, Map<String, Object> members) {
        Set<UUID> dossierIds = new LinkedHashSet<>();
        Set<UUID> itemIds = new LinkedHashSet<>();
        if (target != null) {
            int colon = target.indexOf(':');
            String kind = colon < 0 ? "" : target.substring(0, colon);
            String rest = colon < 0 ? "" : target.substring(colon + 1);
            switch (kind) {
                case "dossier", "dossiers" -> ids(rest, dossierIds);
                case "item" -> ids(rest, itemIds);
                default -> {
                }
            }
        }
        NAMING.forEach((key, kind) -> {
            Object value = members.get(key);
            Set<UUID> into = kind.equals("dossier") ? dossierIds : itemIds;
            if (value instanceof String text) {
                ids(text, into);
            } else if (value instanceof Collection<?> list) {
                list.forEach(element -> {
                    if (element instanceof String text) {
                        ids(text, into);
                    }
                });
            }
        });
        return new Subjects(dossierIds, itemIds);
    }

    private static void ids(String text, Set<UUID> into) {
        Matcher matcher = ID.matcher(text);
        while (matcher.find()) {
            into.add(UUID.fromString(matcher.group()));
        }
    }

    private boolean namesRecord(String target) {
        int colon = target == null ? -1 : target.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String kind = target.substring(0, colon);
        return kind.equals("dossier") || kind.equals("dossiers") || kind.equals("item") || linked.containsKey(kind);
    }

    private static boolean namesRecordIn(String details) {
        return NAMING_KEYS.stream().anyMatch(details::contains);
    }
}
