package cn.insurer.archive.loan;

import cn.insurer.archive.dossier.LinkedDossiers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/** A loan is about the one dossier it lends, which it names even after that dossier is destroyed. */
@ApplicationScoped
public class LoanDossiers implements LinkedDossiers {

    @PersistenceContext
    EntityManager em;

    @Override
    public String kind() {
        return "loan";
    }

    @Override
    public List<UUID> dossiers(UUID id) {
        return em.createQuery("select l.dossierId from Loan l where l.id = :id", UUID.class).setParameter("id", id)
                .getResultList();
    }
}
