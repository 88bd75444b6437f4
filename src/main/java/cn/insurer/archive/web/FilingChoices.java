package cn.insurer.archive.web;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.dossier.DossierRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The choices the new-dossier form offers for 险种 and 部门: the product lines of the dossiers the
 * clerk may read and the departments people belong to, so a clerk picks "家财险" instead of typing
 * a variant of it. Still a suggestion: a new product line can be typed.
 */
@Named
@RequestScoped
public class FilingChoices {

    private static final int MAX = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    DossierRepository dossiers;

    @Inject
    AccessPolicy access;

    @Inject
    CurrentUser currentUser;

    /** A product line filed only above the clerk's clearance is not theirs to learn. */
    @Transactional
    public List<String> getProductLines() {
        return dossiers.productLines(access.scopeOf(currentUser.get()), MAX);
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
