package cn.insurer.archive.retention;

import cn.insurer.archive.dossier.LinkedDossiers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/** A disposition batch is about its members, destroyed ones included (their tombstones stay in it). */
@ApplicationScoped
public class BatchDossiers implements LinkedDossiers {

    @PersistenceContext
    EntityManager em;

    @Override
    public String kind() {
        return "disposition";
    }

    @Override
    public List<UUID> dossiers(UUID id) {
        return em.createQuery("select e.dossierId from Disposition b join b.entries e where b.id = :id", UUID.class)
                .setParameter("id", id).getResultList();
    }
}
