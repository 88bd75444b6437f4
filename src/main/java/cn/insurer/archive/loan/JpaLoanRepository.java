package cn.insurer.archive.loan;

import cn.insurer.archive.platform.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaLoanRepository implements LoanRepository {

    @PersistenceContext
    EntityManager em;

    @Override
    public void add(Loan loan) {
        em.persist(loan);
    }

    @Override
    public Optional<Loan> find(UUID id) {
        return Optional.ofNullable(em.find(Loan.class, id));
    }

    @Override
    public Optional<Loan> findForDecision(UUID id) {
        return Optional.ofNullable(em.find(Loan.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<Loan> grantsOf(String borrower, Instant now) {
        return em.createQuery("select l from Loan l where l.borrower = :borrower and l.status = :active and l.dueAt > :now",
                        Loan.class)
                .setParameter("borrower", borrower).setParameter("active", LoanStatus.ACTIVE).setParameter("now", now)
                .getResultList();
    }

    @Override
    public List<Loan> dueBefore(Instant now) {
        return em.createQuery("select l from Loan l where l.status = :active and l.dueAt <= :now", Loan.class)
                .setParameter("active", LoanStatus.ACTIVE).setParameter("now", now).getResultList();
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long pendingApprovals() {
        return em.createQuery("select count(l) from Loan l where l.status = :requested", Long.class)
                .setParameter("requested", LoanStatus.REQUESTED)
                .setHint(Metrics.QUERY_TIMEOUT_HINT, Metrics.QUERY_TIMEOUT_MILLIS)
                .getSingleResult();
    }

    @Override
    public String nextNumber(int year) {
        Object next = em.createNativeQuery("select nextval('loan_number_seq')").getSingleResult();
        return String.format("JY-%d-%06d", year, ((Number) next).longValue());
    }

    @Override
    public Optional<Loan> pendingRenewalOf(UUID loanId) {
        return em.createQuery("select l from Loan l where l.renews = :loan and l.status = :requested", Loan.class)
                .setParameter("loan", loanId).setParameter("requested", LoanStatus.REQUESTED)
                .getResultStream().findFirst();
    }

    @Override
    public List<Loan> originalsOut(int limit) {
        return em.createQuery("select l from Loan l where l.status = :active and l.handedOutAt is not null and l.checkedInAt is null "
                        + "order by l.handedOutAt, l.id", Loan.class)
                .setParameter("active", LoanStatus.ACTIVE).setMaxResults(limit).getResultList();
    }

    @Override
    public List<Loan> originalLoansInForce(UUID dossierId) {
        return em.createQuery("select l from Loan l where l.dossierId = :dossier and l.kind = :original and l.status = :active "
                        + "order by l.activatedAt, l.id", Loan.class)
                .setParameter("dossier", dossierId).setParameter("original", LoanKind.ORIGINAL)
                .setParameter("active", LoanStatus.ACTIVE).getResultList();
    }

    @Override
    public Page list(Query query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (query.borrower() != null) {
            conditions.add("l.borrower = :borrower");
            parameters.put("borrower", query.borrower());
        }
        if (query.department() != null) {
            conditions.add("(l.dossierId in (select d.id from Dossier d where d.department = :department) "
                    + "or l.dossierDepartment = :department)");
            parameters.put("department", query.department());
        }
        LoanVisibility.Viewer viewer = query.visibleTo();
        if (viewer != null && !viewer.everything()) {
            List<String> sees = new ArrayList<>();
            if (viewer.username() != null) {
                sees.add("l.borrower = :viewer");
                parameters.put("viewer", viewer.username());
            }
            if (viewer.department() != null) {
                sees.add("(l.dossierId in (select v.id from Dossier v where v.department = :viewerDepartment) "
                        + "or l.dossierDepartment = :viewerDepartment)");
                parameters.put("viewerDepartment", viewer.department());
            }
            conditions.add(sees.isEmpty() ? "1 = 0" : "(" + String.join(" or ", sees) + ")");
        }
        if ("OVERDUE".equals(query.status())) {
            conditions.add("l.status = :active and l.dueAt <= :now");
            parameters.put("active", LoanStatus.ACTIVE);
            parameters.put("now", query.now());
        } else if (query.status() != null) {
            conditions.add("l.status = :status");
            parameters.put("status", LoanStatus.valueOf(query.status()));
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        TypedQuery<Long> count = em.createQuery("select count(l) from Loan l" + where, Long.class);
        TypedQuery<Loan> select = em.createQuery("select l from Loan l" + where + " order by l.requestedAt desc, l.id", Loan.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        return new Page(count.getSingleResult(),
                select.setFirstResult(query.page() * query.size()).setMaxResults(query.size()).getResultList());
    }
}
