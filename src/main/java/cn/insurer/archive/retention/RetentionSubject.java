package cn.insurer.archive.retention;

import cn.insurer.archive.dossier.BusinessEvent;
import cn.insurer.archive.dossier.DossierType;
import java.time.LocalDate;
import java.util.List;

/** What retention is decided from: the dossier's facts, its business events and its items. */
public record RetentionSubject(DossierType type, LocalDate policyStart, LocalDate policyEnd, LocalDate sealedOn,
                               List<Event> events, List<Document> documents) {

    public record Event(BusinessEvent event, LocalDate date) {
    }

    /** An item: its type and the date that places it in a fiscal year. */
    public record Document(String documentType, LocalDate dated) {
    }
}
