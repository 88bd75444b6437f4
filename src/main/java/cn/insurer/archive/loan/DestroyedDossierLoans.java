package cn.insurer.archive.loan;

import cn.insurer.archive.dossier.DossierPurged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;

/** Loans outlive the dossier they lent: destroyed, it is kept on them as text and open ones end. */
@ApplicationScoped
public class DestroyedDossierLoans {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    void onPurge(@Observes DossierPurged purged) {
        em.createQuery("select l from Loan l where l.dossierId = :dossier", Loan.class)
                .setParameter("dossier", purged.dossierId())
                .getResultList()
                .forEach(loan -> loan.dossierDestroyed(purged.title(), purged.archivalCode(), purged.securityLevel(),
                        purged.department(), clock.instant()));
    }
}
