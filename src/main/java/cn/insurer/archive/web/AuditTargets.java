package cn.insurer.archive.web;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.loan.Loan;
import cn.insurer.archive.loan.LoanRepository;
import cn.insurer.archive.config.ShownTimes;
import cn.insurer.archive.ingest.Imports;
import cn.insurer.archive.retention.Dispositions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What an audit event was about, as people name it: a dossier by its 档号 (or 业务号 while open),
 * a document by its dossier and number, a loan by its number, a batch by its reference; never the
 * internal id the trail records. A dossier the auditor may not read, or one destroyed since, is
 * named only as a dossier.
 */
@Named
@RequestScoped
public class AuditTargets {

    @Inject
    DossierRepository dossiers;

    @Inject
    LoanRepository loans;

    @Inject
    Dispositions dispositions;

    @Inject
    Imports imports;

    @Inject
    ShownTimes times;

    @Inject
    AccessPolicy access;

    @Inject
    CurrentUser currentUser;

    @Inject
    UiText text;

    private final Map<String, String> named = new HashMap<>();

    @Transactional
    public String name(String target) {
        if (target == null || target.isBlank()) {
            return "—";
        }
        return named.computeIfAbsent(target, this::lookUp);
    }

    private String lookUp(String target) {
        int colon = target.indexOf(':');
        String kind = colon < 0 ? "" : target.substring(0, colon);
        String rest = colon < 0 ? target : target.substring(colon + 1);
        return switch (kind) {
            case "dossier" -> id(rest).flatMap(dossiers::find).filter(this::readable)
                    .map(dossier -> text.get("audit.target.dossier", code(dossier))).orElse(text.get("audit.target.dossier.unnamed"));
            case "dossiers" -> text.get("audit.target.dossiers", rest.isBlank() ? 0 : rest.split(",").length);
            case "item" -> id(rest).flatMap(dossiers::findItem).filter(item -> readable(item.dossier()))
                    .map(item -> text.get("audit.target.item", code(item.dossier()), item.itemNumber()))
                    .orElse(text.get("audit.target.item.unnamed"));
            case "loan" -> id(rest).flatMap(loans::find).map(Loan::number).map(number -> text.get("audit.target.loan", number))
                    .orElse(text.get("audit.target.loan.unnamed"));
            case "disposition" -> id(rest).flatMap(dispositions::number).map(number -> text.get("audit.target.batch", number))
                    .orElse(text.get("audit.target.batch", BatchReference.of(rest)));
            case "user" -> text.get("audit.target.user", rest);
            case "hold" -> text.get("audit.target.hold");
            // An import is known by when it started (批量导入 2026-12-05 13:37), as the import page lists it.
            case "import" -> id(rest).flatMap(imports::find).map(run -> text.get("audit.target.import", times.format(run.startedAt())))
                    .orElse(text.get("audit.target.import", BatchReference.of(rest)));
            case "report" -> text.get("audit.target.report", text.get("report.name." + rest));
            case "inventory" -> id(rest).flatMap(inventories::number).map(number -> text.get("audit.target.inventory", number))
                    .orElse(text.get("audit.target.inventory", BatchReference.of(rest)));
            default -> target;
        };
    }

    @Inject
    cn.insurer.archive.custody.PaperInventories inventories;

    private boolean readable(Dossier dossier) {
        return access.canRead(currentUser.get(), dossier);
    }

    private static String code(Dossier dossier) {
        return dossier.archivalCode() != null ? dossier.archivalCode() : dossier.businessKey();
    }

    private static Optional<UUID> id(String text) {
        try {
            return Optional.of(UUID.fromString(text.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
