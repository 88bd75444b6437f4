package cn.insurer.archive.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The choices the new-dossier form offers for 险种 and 部门: the product lines dossiers are already
 * filed under and the departments people belong to, so a clerk picks "家财险" instead of typing a
 * variant of it. Still a suggestion: a new product line can be typed.
 */
@Named
@RequestScoped
public class FilingChoices {

    private static final int MAX = 200;

    @PersistenceContext
    EntityManager em;

    @Transactional
    public List<String> getProductLines() {
        return em.createQuery("select distinct d.productLine from Dossier d order by d.productLine", String.class)
                .setMaxResults(MAX).getResultList();
    }

    @Transactional
    public List<String> getDepartments() {
        return em.createQuery("select distinct u.department from User u where u.department is not null order by u.department",
                String.class).setMaxResults(MAX).getResultList();
    }

    /** The id of the list of choices an input offers, or nothing for an input without choices. */
    public String listFor(String field) {
        return switch (field) {
            case "productLine" -> "choices-productLine";
            case "department" -> "choices-department";
            default -> null;
        };
    }
}
