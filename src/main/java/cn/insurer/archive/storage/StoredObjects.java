package cn.insurer.archive.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** The database's register of what the object store holds, one row per distinct content hash. */
@ApplicationScoped
public class StoredObjects {

    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void register(ContentHash hash, long size) {
        em.createNativeQuery("insert into stored_object (sha256, size, created_at) values (?1, ?2, ?3) "
                        + "on conflict (sha256) do nothing")
                .setParameter(1, hash.hex())
                .setParameter(2, size)
                .setParameter(3, Instant.now())
                .executeUpdate();
    }
}
