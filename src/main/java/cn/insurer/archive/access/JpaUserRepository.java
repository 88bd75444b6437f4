package cn.insurer.archive.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@ApplicationScoped
public class JpaUserRepository implements UserRepository {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<User> find(String username) {
        return Optional.ofNullable(em.find(User.class, username));
    }

    @Override
    public void add(User user) {
        em.persist(user);
    }

    @Override
    public boolean existsIgnoringCase(String username) {
        return em.createQuery("select count(u) from User u where lower(u.username) = :name", Long.class)
                .setParameter("name", username.toLowerCase(Locale.ROOT)).getSingleResult() > 0;
    }

    @Override
    public long count() {
        return em.createQuery("select count(u) from User u", Long.class).getSingleResult();
    }

    @Override
    public void lockFirstUser() {
        // The second key beside the leadership lock's (1095910216, 1); released when the transaction ends.
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(1095910216, 2)) locked").getSingleResult();
    }

    @Override
    public List<User> list(int first, int size) {
        return em.createQuery("select u from User u order by u.username", User.class)
                .setFirstResult(first).setMaxResults(size).getResultList();
    }
}
