package cn.insurer.archive.api;

import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierStatus;
import cn.insurer.archive.dossier.DossierType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A dossier as the API shows it, with its item list (卷内目录). */
public record DossierView(UUID id, DossierType type, String businessKey, String productLine, String title,
                          String department, SecurityLevel securityLevel, DossierStatus status,
                          String policyNumber, String claimNumber, String insured, LocalDate policyStart,
                          LocalDate policyEnd, LocalDate lossDate, String claimAmount, JsonObject metadata,
                          String archivalCode, Object retention, String createdBy, Instant createdAt,
                          Instant updatedAt, int itemCount, List<ItemView> items) {

    public static DossierView of(Dossier dossier) {
        return of(dossier, dossier.items().stream().map(ItemView::of).toList());
    }

    /** Without items, for lists. */
    public static DossierView summary(Dossier dossier) {
        return of(dossier, null);
    }

    private static DossierView of(Dossier dossier, List<ItemView> items) {
        JsonObject metadata;
        try (var reader = Json.createReader(new StringReader(dossier.metadataJson()))) {
            metadata = reader.readObject();
        }
        return new DossierView(dossier.id(), dossier.type(), dossier.businessKey(), dossier.productLine(),
                dossier.title(), dossier.department(), dossier.securityLevel(), dossier.status(),
                dossier.policyNumber(), dossier.claimNumber(), dossier.insured(), dossier.policyStart(),
                dossier.policyEnd(), dossier.lossDate(),
                dossier.claimAmount() == null ? null : dossier.claimAmount().toPlainString(), metadata,
                dossier.archivalCode(), null, dossier.createdBy(), dossier.createdAt(), dossier.updatedAt(),
                items == null ? dossier.items().size() : items.size(), items);
    }
}
