package cn.insurer.archive.dossier;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What an item's recorded particulars must satisfy, whether filed or corrected later. */
@ApplicationScoped
public class ItemRules {

    /** The longest title an item may have, as the upload's metadata part allows. */
    public static final int MAX_TITLE = 500;
    static final int MAX_REASON = 1000;

    @Inject
    FilePlan filePlan;

    @Inject
    AccessPolicy access;

    /** Every item belongs to its dossier's record class, so its document type must be one the class accepts. */
    void checkDocumentType(Dossier dossier, String documentType, String field) {
        Map<String, String> accepted = filePlan.recordClass(dossier.type())
                .map(FilePlan.RecordClass::documentTypes).orElse(Map.of());
        if (!accepted.containsKey(documentType)) {
            throw ProblemException.invalid(List.of(new FieldError(field, "validation.document.type", documentType,
                    String.join(", ", accepted.keySet()))));
        }
    }

    /**
     * A document's date starts retention clocks (a voucher's fiscal year): one in the future would
     * keep the dossier from ever falling due, an unrecorded hold by the clerk who files it.
     */
    void checkDocumentDate(LocalDate documentDate, String field) {
        if (documentDate != null && documentDate.isAfter(access.today())) {
            throw ProblemException.invalid(List.of(new FieldError(field, "validation.document.date.future")));
        }
    }

    /** A reason on the record (a withdrawal's, a supplement's): required, and at most 1000 characters. */
    void checkReason(String reason, String field) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError(field, "validation.required")));
        }
        if (reason.strip().length() > MAX_REASON) {
            throw ProblemException.invalid(List.of(new FieldError(field, "validation.too.long", MAX_REASON)));
        }
    }

    void checkTitle(String title, String field) {
        if (title == null || title.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError(field, "validation.required")));
        }
        if (title.length() > MAX_TITLE) {
            throw ProblemException.invalid(List.of(new FieldError(field, "validation.too.long", MAX_TITLE)));
        }
    }
}
