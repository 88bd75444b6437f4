package cn.insurer.archive.dossier;

import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JSON a client sends for a new dossier into validated facts. The type's JSON Schema is
 * the authority on what is required and well-formed; this class adds the cross-field rules a schema
 * cannot express well.
 */
@ApplicationScoped
public class DossierForm {

    @Inject
    MetadataSchemas schemas;

    public record Parsed(DossierFacts facts, String metadataJson) {
    }

    public Parsed parse(JsonNode body, Locale locale) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("problem.body.object.required");
        }
        ObjectNode document = withoutNulls((ObjectNode) body);
        DossierType type = typeOf(document.get("type"));
        if (!type.insurance() && !document.has(type.keyField()) && document.hasNonNull("businessKey")) {
            // The API's generic business key is a volume's number, an employee's number or a file's number.
            document.set(type.keyField(), document.get("businessKey"));
        }
        List<FieldError> errors = new ArrayList<>(schemas.violations(type, document, locale));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        LocalDate policyStart = date(document, "policyStart");
        LocalDate policyEnd = date(document, "policyEnd");
        if (policyStart != null && policyEnd != null && policyEnd.isBefore(policyStart)) {
            throw ProblemException.invalid(List.of(new FieldError("policyEnd", "validation.policy.term")));
        }
        String policyNumber = text(document, "policyNumber");
        String claimNumber = text(document, "claimNumber");
        String businessKey = text(document, "businessKey");
        if (businessKey == null) {
            businessKey = text(document, type.keyField());
        }
        String productLine = text(document, "productLine");
        if (productLine == null) {
            // The company's own records belong to no product line; their schemas allow only their own word.
            productLine = type.ownProductLine();
        }
        String fiscalYear = text(document, "fiscalYear");
        String level = text(document, "securityLevel");
        DossierFacts facts = new DossierFacts(type, businessKey, productLine,
                text(document, "title"), text(document, "department"),
                level == null ? SecurityLevel.INTERNAL : SecurityLevel.valueOf(level), policyNumber, claimNumber,
                text(document, "insured"), policyStart, policyEnd, date(document, "lossDate"),
                money(document.get("claimAmount")), fiscalYear == null ? null : Integer.valueOf(fiscalYear));
        JsonNode metadata = document.get("metadata");
        return new Parsed(facts, metadata == null ? "{}" : metadata.toString());
    }

    private static DossierType typeOf(JsonNode type) {
        if (type == null || !type.isTextual()) {
            throw ProblemException.invalid(List.of(new FieldError("type", "validation.dossier.type")));
        }
        try {
            return DossierType.valueOf(type.asText());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(new FieldError("type", "validation.dossier.type")));
        }
    }

    /** Absent and null mean the same to clients; the schemas describe only present values. */
    private static ObjectNode withoutNulls(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = copy.fields();
        while (fields.hasNext()) {
            if (fields.next().getValue().isNull()) {
                fields.remove();
            }
        }
        return copy;
    }

    private static String text(JsonNode document, String field) {
        JsonNode value = document.get(field);
        return value == null || value.asText().isBlank() ? null : value.asText().trim();
    }

    private static LocalDate date(JsonNode document, String field) {
        String value = text(document, field);
        return value == null ? null : LocalDate.parse(value);
    }

    private static BigDecimal money(JsonNode value) {
        if (value == null) {
            return null;
        }
        return new BigDecimal(value.asText()).setScale(2, RoundingMode.HALF_UP);
    }
}
