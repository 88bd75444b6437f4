package cn.insurer.archive.retention;

import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.dossier.DisposedDossiers;
import cn.insurer.archive.dossier.RecordStanding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

/** The tombstones disposition leaves: a destroyed or transferred dossier's highest level and department. */
@ApplicationScoped
public class Tombstones implements DisposedDossiers {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<RecordStanding> standing(UUID dossierId) {
        return em.createNativeQuery("select security_level, department from disposition_dossier "
                        + "where dossier_id = ?1 and outcome in ('DESTROYED', 'TRANSFERRED') limit 1", Object[].class)
                .setParameter(1, dossierId).getResultStream().findFirst()
                .map(row -> {
                    Object[] cells = (Object[]) row;
                    // Members disposed of before the level was kept: the most secret, as nobody can say less.
                    SecurityLevel level = cells[0] == null ? SecurityLevel.SECRET : SecurityLevel.valueOf((String) cells[0]);
                    return new RecordStanding(null, null, level, (String) cells[1], false, null);
                });
    }
}
