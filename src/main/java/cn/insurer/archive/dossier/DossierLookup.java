package cn.insurer.archive.dossier;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A dossier found by the number people know it by: 档号, 业务号, 保单号 or 赔案号 (and the internal id
 * that links carry). One 保单号 names the policy's underwriting dossier and each of its claims, so
 * a reference may find several. Only dossiers the user may read are found: a number the user may
 * not see answers exactly as a number that does not exist. Every place where a person names a
 * dossier (holds, the audit filter, the search box) asks here, so they all accept the same numbers.
 */
@ApplicationScoped
public class DossierLookup {

    /** A policy with more claims than this lists the first ones; the search finds the rest by its 保单号. */
    static final int MAX_RELATED = 200;

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
        // A box label's code is the box's place as printed (室 / 架 / 盒): scanning it finds what the box holds.
        boxNamed(number).ifPresent(box -> em.createQuery("select d from Dossier d where d.paperRoom = :room "
                        + "and d.paperShelf = :shelf and d.paperBox = :box", Dossier.class)
                .setParameter("room", box.room()).setParameter("shelf", box.shelf()).setParameter("box", box.box())
                .setMaxResults(MAX_RELATED).getResultStream().filter(d -> !found.contains(d)).forEach(found::add));
        return found.stream().filter(dossier -> access.canRead(user, dossier))
                .sorted(Comparator.comparing(Dossier::createdAt)).toList();
    }

    /**
     * The dossiers recorded in one box that the user may read, in 档号 order: what a box label lists
     * and what scanning it finds.
     */
    @Transactional
    public List<Dossier> inBox(User user, PaperLocation location) {
        return em.createQuery("select d from Dossier d where d.paperRoom = :room and d.paperShelf = :shelf and d.paperBox = :box",
                        Dossier.class)
                .setParameter("room", location.room()).setParameter("shelf", location.shelf()).setParameter("box", location.box())
                .getResultStream().filter(dossier -> access.canRead(user, dossier))
                .sorted(Comparator.comparing(DossierLookup::uniqueNumber)).toList();
    }

    /**
     * The audit trail's targets a person means by what they typed in a target filter: every dossier
     * the number names ({@code dossier:<id>}, as the trail records them), or else the typed target
     * itself ({@code user:…}, {@code loan:…}); none for a blank filter. The desk's audit page and
     * {@code GET /api/audit?target=} both ask here.
     */
    @Transactional
    public List<String> auditTargets(User user, String typed) {
        String target = typed == null ? "" : typed.trim();
        if (target.isEmpty()) {
            return List.of();
        }
        List<String> dossiers = find(user, target).stream().map(dossier -> "dossier:" + dossier.id()).toList();
        return dossiers.isEmpty() ? List.of(target) : dossiers;
    }

    /**
     * 关联案卷: the other dossiers of the same policy, as far as the user may read them — for a policy
     * its claims, for a claim its policy and the policy's other claims. The link is the 保单号 both
     * carry, so a claim filed before its policy (or imported later) is linked as soon as both exist.
     */
    @Transactional
    public List<Dossier> related(User user, Dossier dossier) {
        String policyNumber = dossier.policyNumber();
        if (policyNumber == null || policyNumber.isBlank()) {
            return List.of();
        }
        return em.createQuery("select d from Dossier d where d.policyNumber = :number and d.id <> :id", Dossier.class)
                .setParameter("number", policyNumber).setParameter("id", dossier.id()).setMaxResults(MAX_RELATED).getResultList()
                .stream().filter(other -> access.canRead(user, other))
                .sorted(Comparator.comparing(Dossier::type).thenComparing(Dossier::createdAt)).toList();
    }

    /**
     * The one dossier a reference names, for actions that need exactly one. None the user may read
     * is "does not exist"; several are refused with the readable ones listed by the number that
     * names each alone (档号 once sealed, else 业务号), so the user can pick one without guessing.
     */
    @Transactional
    public Dossier one(User user, String reference) {
        List<Dossier> found = find(user, reference);
        if (found.isEmpty()) {
            throw ProblemException.notFound("problem.dossier.unknown", reference == null ? "" : reference.trim());
        }
        if (found.size() > 1) {
            List<Messages.Phrase> choices = found.stream().map(dossier -> new Messages.Phrase("problem.dossier.choice",
                    uniqueNumber(dossier), dossier.type(), dossier.title())).toList();
            List<Map<String, Object>> listed = found.stream().map(DossierLookup::choice).toList();
            throw ProblemException.invalid("ambiguous-reference", Map.of("choices", listed),
                    "problem.dossier.ambiguous", reference.trim(), choices);
        }
        return found.get(0);
    }

    /** The ids of the dossiers a list of references names, one each, in the order given, without repeats. */
    @Transactional
    public List<UUID> ids(User user, List<String> references) {
        return references.stream().filter(reference -> reference != null && !reference.isBlank())
                .map(reference -> one(user, reference).id()).distinct().toList();
    }

    /** 档号 names a sealed dossier alone, 业务号 any dossier alone. */
    public static String uniqueNumber(Dossier dossier) {
        return dossier.archivalCode() != null ? dossier.archivalCode() : dossier.businessKey();
    }

    private static Map<String, Object> choice(Dossier dossier) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("id", dossier.id().toString());
        choice.put("type", dossier.type().name());
        choice.put("businessKey", dossier.businessKey());
        if (dossier.archivalCode() != null) {
            choice.put("archivalCode", dossier.archivalCode());
        }
        choice.put("title", dossier.title());
        return choice;
    }

    private static Optional<PaperLocation> boxNamed(String number) {
        String[] parts = number.split(" / ", -1);
        return parts.length == 3 && java.util.Arrays.stream(parts).noneMatch(String::isBlank)
                ? Optional.of(new PaperLocation(parts[0], parts[1], parts[2])) : Optional.empty();
    }

    private static Optional<UUID> internalId(String number) {
        try {
            return Optional.of(UUID.fromString(number));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
