package cn.insurer.archive.api;

import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.dossier.BusinessEvent;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierEvent;
import cn.insurer.archive.dossier.DossierStatus;
import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.PaperLocation;
import cn.insurer.archive.platform.ExactJson;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A dossier as the API shows it, with its item list (卷内目录). */
public record DossierView(UUID id, DossierType type, String businessKey, String productLine, String title,
                          String department, SecurityLevel securityLevel, DossierStatus status,
                          String policyNumber, String claimNumber, String insured, LocalDate policyStart,
                          LocalDate policyEnd, LocalDate lossDate, String claimAmount, Integer fiscalYear,
                          // A bare object in the published contract: a Map alone would be described with additionalProperties.
                          @Schema(type = SchemaType.OBJECT, implementation = Object.class) Map<String, Object> metadata,
                          String archivalCode, Integer archivalYear, Instant sealedAt, String sealedBy,
                          String completenessException, PaperLocation paperLocation, Object retention, String createdBy, Instant createdAt,
                          Instant updatedAt, int itemCount, List<ItemView> items, List<EventView> events,
                          List<RelatedView> related) {

    /** 关联案卷: another dossier of the same policy that the caller may read. */
    @Schema(name = "RelatedDossier")
    public record RelatedView(UUID id, DossierType type, String businessKey, String archivalCode, String title) {

        public static RelatedView of(Dossier dossier) {
            return new RelatedView(dossier.id(), dossier.type(), dossier.businessKey(), dossier.archivalCode(), dossier.title());
        }
    }

    /** A business event as shown with its dossier. */
    @Schema(name = "DossierEvent")
    public record EventView(UUID id, BusinessEvent event, LocalDate date, String recordedBy, Instant recordedAt) {

        public static EventView of(DossierEvent event) {
            return new EventView(event.id(), event.event(), event.date(), event.recordedBy(), event.recordedAt());
        }
    }

    /**
     * The dossier with every item in its place; the items the caller may not see (the caller's
     * {@code AccessPolicy.canSeeItem}) only as restricted lines, so the count stays true.
     */
    public static DossierView of(Dossier dossier, List<DossierEvent> events, RetentionView retention, Predicate<Item> mayShow,
                                 List<Dossier> related) {
        return build(dossier, dossier.items().stream().map(item -> mayShow.test(item) ? ItemView.of(item) : ItemView.restricted(item))
                .toList(), events.stream().map(EventView::of).toList(), retention, related.stream().map(RelatedView::of).toList());
    }

    /** Without items and events, for lists. */
    public static DossierView summary(Dossier dossier) {
        return build(dossier, null, null, null, null);
    }

    private static DossierView build(Dossier dossier, List<ItemView> items, List<EventView> events, RetentionView retention,
                                     List<RelatedView> related) {
        return new DossierView(dossier.id(), dossier.type(), dossier.businessKey(), dossier.productLine(),
                dossier.title(), dossier.department(), dossier.securityLevel(), dossier.status(),
                dossier.policyNumber(), dossier.claimNumber(), dossier.insured(), dossier.policyStart(),
                dossier.policyEnd(), dossier.lossDate(),
                dossier.claimAmount() == null ? null : dossier.claimAmount().toPlainString(), dossier.fiscalYear(),
                ExactJson.storedObject(dossier.metadataJson()),
                dossier.archivalCode(), dossier.archivalYear(), dossier.sealedAt(), dossier.sealedBy(),
                dossier.completenessException(), dossier.paperLocation().orElse(null), retention, dossier.createdBy(), dossier.createdAt(), dossier.updatedAt(),
                items == null ? dossier.items().size() : items.size(), items, events, related);
    }
}
