package cn.insurer.archive.retention;

import cn.insurer.archive.dossier.BusinessEvent;
import cn.insurer.archive.dossier.DossierType;
import java.time.LocalDate;
import java.util.List;

/**
 * What retention is decided from: the dossier's facts, its business events, its items and the
 * latest review date an appraisal kept it until ({@code keptUntil}, null when never extended).
 */
public record RetentionSubject(DossierType type, LocalDate policyStart, LocalDate policyEnd, LocalDate sealedOn,
                               List<Event> events, List<Document> documents, LocalDate keptUntil) {

    public RetentionSubject(DossierType type, LocalDate policyStart, LocalDate policyEnd, LocalDate sealedOn,
                            List<Event> events, List<Document> documents) {
        this(type, policyStart, policyEnd, sealedOn, events, documents, null);
    }

    public record Event(BusinessEvent event, LocalDate date) {
    }

    /** An item: its type and the date that places it in a fiscal year. */
    public record Document(String documentType, LocalDate dated) {
    }
}
