package cn.insurer.archive.dossier;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.SecurityLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaDossierRepository implements DossierRepository {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<Dossier> find(UUID id) {
        return Optional.ofNullable(em.find(Dossier.class, id));
    }

    @Override
    public Optional<Dossier> findForFiling(UUID id) {
        return Optional.ofNullable(em.find(Dossier.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public Optional<Dossier> findByBusinessKey(DossierType type, String businessKey) {
        return em.createQuery("select d from Dossier d where d.type = :type and d.businessKey = :key", Dossier.class)
                .setParameter("type", type).setParameter("key", businessKey)
                .getResultStream().findFirst();
    }

    @Override
    public void add(Dossier dossier) {
        em.persist(dossier);
    }

    @Override
    public void add(Item item) {
        em.persist(item);
    }

    @Override
    public Optional<Item> findItem(UUID id) {
        return Optional.ofNullable(em.find(Item.class, id));
    }

    @Override
    public Optional<RecordStanding> standingOfDossier(UUID id) {
        return em.createQuery("select d.securityLevel, d.department, d.purposeEndedOn from Dossier d where d.id = :id", Object[].class)
                .setParameter("id", id).getResultStream().findFirst()
                .map(row -> new RecordStanding(id, null, (SecurityLevel) row[0], (String) row[1], false, (LocalDate) row[2]));
    }

    @Override
    public Optional<RecordStanding> standingOfItem(UUID id) {
        return em.createQuery("select i.securityLevel, d.securityLevel, d.department, i.personalData, d.purposeEndedOn, d.id "
                        + "from Item i join i.dossier d where i.id = :id", Object[].class)
                .setParameter("id", id).getResultStream().findFirst()
                .map(row -> {
                    SecurityLevel item = (SecurityLevel) row[0];
                    SecurityLevel dossier = (SecurityLevel) row[1];
                    return new RecordStanding((UUID) row[5], id, item.covers(dossier) ? item : dossier, (String) row[2],
                            (Boolean) row[3], (LocalDate) row[4]);
                });
    }

    @Override
    public int itemCount(UUID dossierId) {
        return em.createQuery("select count(i) from Item i where i.dossier.id = :dossier", Long.class)
                .setParameter("dossier", dossierId).getSingleResult().intValue();
    }

    @Override
    public List<Item> itemsWithContent(UUID dossierId, String sha256) {
        return em.createQuery("select i from Item i where i.dossier.id = :dossier and i.sha256 = :sha256 order by i.itemNumber",
                        Item.class)
                .setParameter("dossier", dossierId).setParameter("sha256", sha256).getResultList();
    }

    @Override
    public Page list(DossierQuery query, AccessPolicy.ReadScope scope) {
        if (scope.nothing()) {
            return new Page(0, List.of());
        }
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        confine(scope, conditions, parameters);
        if (query.businessKey() != null) {
            conditions.add("d.businessKey = :businessKey");
            parameters.put("businessKey", query.businessKey());
        }
        if (query.type() != null) {
            conditions.add("d.type = :type");
            parameters.put("type", query.type());
        }
        if (query.status() != null) {
            conditions.add("d.status = :status");
            parameters.put("status", query.status());
        }
        if (query.insured() != null) {
            conditions.add("d.insured = :insured");
            parameters.put("insured", query.insured());
        }
        String where = " where " + String.join(" and ", conditions);
        TypedQuery<Long> count = em.createQuery("select count(d) from Dossier d" + where, Long.class);
        TypedQuery<Dossier> select = em.createQuery(
                "select d from Dossier d" + where + " order by d.createdAt desc, d.id", Dossier.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        List<Dossier> dossiers = select.setFirstResult(query.page() * query.size()).setMaxResults(query.size())
                .getResultList();
        return new Page(count.getSingleResult(), dossiers);
    }

    @Override
    public List<String> productLines(AccessPolicy.ReadScope scope, int max) {
        if (scope.nothing()) {
            return List.of();
        }
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        confine(scope, conditions, parameters);
        TypedQuery<String> select = em.createQuery("select distinct d.productLine from Dossier d where "
                + String.join(" and ", conditions) + " order by d.productLine", String.class);
        parameters.forEach(select::setParameter);
        return select.setMaxResults(max).getResultList();
    }

    private static void confine(AccessPolicy.ReadScope scope, List<String> conditions, Map<String, Object> parameters) {
        conditions.add("d.securityLevel in :levels");
        parameters.put("levels", scope.levels());
        if (!scope.allDepartments()) {
            conditions.add("d.department = :department");
            parameters.put("department", scope.department());
        }
    }
}
