package cn.insurer.archive.dossier;

import cn.insurer.archive.storage.ContentHash;
import cn.insurer.archive.storage.StoredObjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Destroys a dossier's records: its items, their text, its business events and the dossier itself.
 * Whatever other packages keep about it they settle on {@link DossierPurged}, in this transaction.
 */
@ApplicationScoped
public class Purging {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<DossierPurged> purged;

    @Inject
    StoredObjects storedObjects;

    /**
     * Removes the dossier's rows and returns the content no remaining item refers to any more, whose
     * registration is gone too: the caller removes those objects from the store once this commits.
     * The persistence context still holds the destroyed entities; the caller clears it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ContentHash> purge(UUID dossierId) {
        Dossier dossier = em.find(Dossier.class, dossierId);
        if (dossier == null) {
            return List.of();
        }
        // Extraction may be finishing one of these items right now. Writing its outcome locks the item
        // row (the text's foreign key check, the item's update) until it commits, so locking the rows
        // first makes it either commit before the text is deleted here or find the item gone;
        // otherwise a text committed between the two deletes below failed the items' delete.
        em.createNativeQuery("select id from item where dossier_id = ?1 order by id for update")
                .setParameter(1, dossierId).getResultList();
        purged.fire(new DossierPurged(dossierId, dossier.items().stream().map(Item::id).collect(Collectors.toSet()),
                dossier.businessKey(), dossier.archivalCode(), dossier.title(), dossier.department(), dossier.securityLevel()));
        em.flush();
        @SuppressWarnings("unchecked")
        List<String> hashes = em.createNativeQuery("select distinct sha256 from item where dossier_id = ?1")
                .setParameter(1, dossierId).getResultList();
        em.createNativeQuery("delete from item_text where item_id in (select id from item where dossier_id = ?1)")
                .setParameter(1, dossierId).executeUpdate();
        em.createNativeQuery("delete from item where dossier_id = ?1").setParameter(1, dossierId).executeUpdate();
        em.createNativeQuery("delete from dossier_event where dossier_id = ?1").setParameter(1, dossierId).executeUpdate();
        em.createNativeQuery("delete from dossier where id = ?1").setParameter(1, dossierId).executeUpdate();
        List<ContentHash> unreferenced = new ArrayList<>();
        for (String hex : hashes) {
            ContentHash hash = new ContentHash(hex.trim());
            if (em.createNativeQuery("select 1 from item where sha256 = ?1").setParameter(1, hex).setMaxResults(1)
                    .getResultList().isEmpty() && storedObjects.forget(hash)) {
                unreferenced.add(hash);
            }
        }
        return unreferenced;
    }
}
