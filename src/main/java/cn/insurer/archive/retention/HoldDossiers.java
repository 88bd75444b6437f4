package cn.insurer.archive.retention;

import cn.insurer.archive.dossier.LinkedDossiers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/** A legal hold is about the dossiers it holds. */
@ApplicationScoped
public class HoldDossiers implements LinkedDossiers {

    @PersistenceContext
    EntityManager em;

    @Override
    public String kind() {
        return "hold";
    }

    @Override
    public List<UUID> dossiers(UUID id) {
        return em.createQuery("select d from LegalHold h join h.dossierIds d where h.id = :id", UUID.class)
                .setParameter("id", id).getResultList();
    }
}
