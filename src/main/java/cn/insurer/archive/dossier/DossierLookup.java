package cn.insurer.archive.dossier;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A dossier found by the number people know it by: 档号, 业务号, 保单号 or 赔案号 (and the internal id
 * that links carry). One 保单号 names the policy's underwriting dossier and each of its claims, so
 * a reference may find several. Only dossiers the user may read are found: a number the user may
 * not see answers exactly as a number that does not exist.
 */
@ApplicationScoped
public class DossierLookup {

    @PersistenceContext
    EntityManager em;

    @Inject
    AccessPolicy access;

    @Transactional
    public List<Dossier> find(User user, String reference) {
        String number = reference == null ? "" : reference.trim();
        if (number.isEmpty()) {
            return List.of();
        }
        List<Dossier> found = new ArrayList<>(em.createQuery("select d from Dossier d where d.archivalCode = :number"
                        + " or d.businessKey = :number or d.policyNumber = :number or d.claimNumber = :number", Dossier.class)
                .setParameter("number", number).getResultList());
        internalId(number).map(id -> em.find(Dossier.class, id)).filter(d -> d != null && !found.contains(d))
                .ifPresent(found::add);
        return found.stream().filter(dossier -> access.canRead(user, dossier))
                .sorted(Comparator.comparing(Dossier::createdAt)).toList();
    }

    private static Optional<UUID> internalId(String number) {
        try {
            return Optional.of(UUID.fromString(number));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
