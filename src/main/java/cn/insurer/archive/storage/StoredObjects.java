package cn.insurer.archive.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/** The database's register of what the object store holds, one row per distinct content hash. */
@ApplicationScoped
public class StoredObjects {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void register(ContentHash hash, long size) {
        em.createNativeQuery("insert into stored_object (sha256, size, created_at) values (?1, ?2, ?3) "
                        + "on conflict (sha256) do nothing")
                .setParameter(1, hash.hex())
                .setParameter(2, size)
                .setParameter(3, Instant.now(clock))
                .executeUpdate();
    }

    /**
     * Drops the registration of content that nothing refers to any more; the caller has checked that.
     * Returns whether it was registered, so that only the one who dropped it removes the object.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean forget(ContentHash hash) {
        return em.createNativeQuery("delete from stored_object where sha256 = ?1").setParameter(1, hash.hex()).executeUpdate() == 1;
    }

    /** Whether the content is registered: the same bytes uploaded again after they were forgotten register anew. */
    @Transactional
    public boolean registered(ContentHash hash) {
        return !em.createNativeQuery("select 1 from stored_object where sha256 = ?1").setParameter(1, hash.hex())
                .getResultList().isEmpty();
    }
}
