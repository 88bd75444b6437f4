package cn.insurer.archive.search;

import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.ItemText;
import cn.insurer.archive.platform.ExactJson;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads what the index holds of a dossier from the database, the source of truth. */
@ApplicationScoped
public class IndexSource {

    @PersistenceContext
    EntityManager em;

    @jakarta.inject.Inject
    cn.insurer.archive.access.AccessPolicy access;

    public record Indexable(DossierDocument dossier, List<ItemDocument> items) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Indexable> load(UUID dossierId) {
        return Optional.ofNullable(em.find(Dossier.class, dossierId)).map(dossier -> indexable(dossier, dossier.filedItems()));
    }

    /**
     * The dossier and those of the given items that are still filed in it, read by their ids: a
     * change to one item of a dossier of thousands loads that item, not the dossier's whole list.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Indexable> load(UUID dossierId, Set<UUID> itemIds) {
        Dossier dossier = em.find(Dossier.class, dossierId);
        if (dossier == null) {
            return Optional.empty();
        }
        List<Item> items = itemIds.isEmpty() ? List.of()
                : em.createQuery("select i from Item i where i.dossier.id = :dossier and i.id in :ids order by i.itemNumber", Item.class)
                .setParameter("dossier", dossierId).setParameter("ids", itemIds).getResultStream()
                .filter(item -> !item.withdrawn()).toList();
        return Optional.of(indexable(dossier, items));
    }

    private Indexable indexable(Dossier dossier, List<Item> items) {
        Map<UUID, String> texts = items.isEmpty() ? Map.of()
                : em.createQuery("select t from ItemText t where t.itemId in :ids", ItemText.class)
                .setParameter("ids", items.stream().map(Item::id).toList())
                .getResultStream()
                .collect(Collectors.toMap(ItemText::itemId, ItemText::content));
        List<ItemDocument> itemDocuments = items.stream()
                .map(item -> new ItemDocument(item.id(), item.title(), item.documentType(), item.fileName(),
                        item.securityLevel().name(), texts.getOrDefault(item.id(), ""),
                        access.loanOnlyFrom(item.personalData(), dossier.purposeEndedOn())))
                .toList();
        return new Indexable(document(dossier), itemDocuments);
    }

    /** Dossier ids in a stable order, a page at a time, for rebuilding the whole index. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<UUID> dossierIdsAfter(UUID after, int limit) {
        return em.createQuery("select d.id from Dossier d where (:after is null or d.id > :after) order by d.id", UUID.class)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long dossierCount() {
        return em.createQuery("select count(d) from Dossier d", Long.class).getSingleResult();
    }

    private static DossierDocument document(Dossier dossier) {
        return new DossierDocument(dossier.id(), dossier.type().name(), dossier.businessKey(), dossier.title(),
                dossier.productLine(), dossier.department(), dossier.securityLevel().name(), dossier.status().name(),
                dossier.archivalCode(), dossier.policyNumber(), dossier.claimNumber(), dossier.insured(),
                dossier.businessDate(),
                dossier.claimAmount(), dossier.businessYear(), metadataText(dossier.metadataJson()));
    }

    /** Free metadata values as plain words, so that whatever a clerk recorded is searchable. */
    private static String metadataText(String json) {
        List<String> words = new ArrayList<>();
        ExactJson.stored(json).elements().forEachRemaining(value -> words.add(text(value)));
        return String.join(" ", words);
    }

    /** A text as it reads; a number, flag, list or object as its JSON. */
    private static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
