package cn.insurer.archive.dossier;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * 著录更正: the description of a dossier corrected with a reason, before or after sealing (after
 * sealing on the archive manager's word only). The corrected dossier is checked as a whole by the
 * same form a new dossier passes, so every rule of its type's schema holds afterwards; the audit
 * event keeps each value replaced, in the same transaction.
 */
@ApplicationScoped
public class DossierCorrections {

    /** The fields a correction may change; the rest identify the dossier or built its archival code. */
    static final Set<String> CORRECTABLE = Set.of("title", "insured", "policyStart", "policyEnd", "lossDate", "claimAmount");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DossierRepository dossiers;

    @Inject
    ChangeGuard guard;

    @Inject
    HoldCheck holds;

    @Inject
    DossierForm form;

    @Inject
    ItemRules rules;

    @Inject
    AuditLog audit;

    @Inject
    Event<DossierChanged> changes;

    @Inject
    Clock clock;

    @Transactional
    public Dossier correct(AuditLog.Actor actor, User user, UUID id, ObjectNode corrections, String reason, Locale locale) {
        Dossier dossier = dossiers.findForFiling(id).orElseThrow(() -> ProblemException.notFound("problem.dossier.unknown", id));
        String target = Filing.target(id);
        Permission needed = dossier.status() == DossierStatus.SEALED ? Permission.DOSSIER_CORRECT_SEALED : Permission.DOSSIER_CORRECT;
        if (!needed.grantedTo(user)) {
            throw guard.refuse(actor, needed.operation(), target, Map.of("fields", fieldNames(corrections)),
                    ProblemException.forbidden("problem.forbidden", needed.operation()));
        }
        guard.requireChange(actor, user, dossier, needed.operation(), target);
        holds.requireNotHeld(id);
        List<FieldError> fixed = new ArrayList<>();
        corrections.fieldNames().forEachRemaining(field -> {
            if (!CORRECTABLE.contains(field)) {
                fixed.add(new FieldError(field, "validation.dossier.field.fixed"));
            }
        });
        if (!fixed.isEmpty()) {
            throw ProblemException.invalid(fixed);
        }
        rules.checkReason(reason, "reason");
        ObjectNode corrected = described(dossier);
        corrections.fields().forEachRemaining(entry -> corrected.set(entry.getKey(), entry.getValue()));
        DossierFacts facts = form.parse(corrected, locale).facts();

        Map<String, Object> details = new LinkedHashMap<>();
        ChangeDetails.changed(details, "title", dossier.title(), facts.title());
        ChangeDetails.changed(details, "insured", dossier.insured(), facts.insured());
        ChangeDetails.changed(details, "policyStart", dossier.policyStart(), facts.policyStart());
        ChangeDetails.changed(details, "policyEnd", dossier.policyEnd(), facts.policyEnd());
        ChangeDetails.changed(details, "lossDate", dossier.lossDate(), facts.lossDate());
        ChangeDetails.changed(details, "claimAmount", dossier.claimAmount(), facts.claimAmount());
        if (details.isEmpty()) {
            return dossier;
        }
        details.put("reason", reason.strip());
        details.put("archivalCode", dossier.archivalCode());
        dossier.correct(facts.title(), facts.insured(), facts.policyStart(), facts.policyEnd(), facts.lossDate(),
                facts.claimAmount(), clock.instant());
        audit.record(actor, DossierAuditActions.DOSSIER_CORRECTED, target, Outcome.SUCCESS, details);
        changes.fire(new DossierChanged(id, null));
        return dossier;
    }

    private static List<String> fieldNames(ObjectNode corrections) {
        List<String> names = new ArrayList<>();
        corrections.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The dossier as the form a new dossier is sent in describes it. */
    private static ObjectNode described(Dossier dossier) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", dossier.type().name());
        node.put("businessKey", dossier.businessKey());
        node.put("productLine", dossier.productLine());
        node.put("title", dossier.title());
        node.put("department", dossier.department());
        node.put("securityLevel", dossier.securityLevel().name());
        putText(node, "policyNumber", dossier.policyNumber());
        putText(node, "claimNumber", dossier.claimNumber());
        if (!dossier.type().insurance()) {
            node.put(dossier.type().keyField(), dossier.businessKey());
        }
        putText(node, "fiscalYear", dossier.fiscalYear());
        putText(node, "insured", dossier.insured());
        putText(node, "policyStart", dossier.policyStart());
        putText(node, "policyEnd", dossier.policyEnd());
        putText(node, "lossDate", dossier.lossDate());
        if (dossier.claimAmount() != null) {
            node.put("claimAmount", dossier.claimAmount().toPlainString());
        }
        try {
            JsonNode metadata = JSON.readTree(dossier.metadataJson() == null ? "{}" : dossier.metadataJson());
            node.set("metadata", metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node;
    }

    private static void putText(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }
}
