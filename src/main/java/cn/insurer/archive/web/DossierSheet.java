package cn.insurer.archive.web;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.User;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.DossierStatus;
import cn.insurer.archive.dossier.FilePlan;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.PaperLocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A dossier as the desk shows it: facts, item list (卷内目录) and what completeness still misses. */
@ApplicationScoped
public class DossierSheet {

    @Inject
    DossierRepository dossiers;

    @Inject
    FilePlan filePlan;

    @Inject
    AccessPolicy access;

    public record Sheet(Facts facts, List<Row> items, List<String> missing, Map<String, String> documentTypes)
            implements Serializable {
    }

    public record Facts(UUID id, String type, String title, String businessKey, String policyNumber, String claimNumber,
                        String productLine, String department, String securityLevel, String insured, LocalDate lossDate,
                        BigDecimal claimAmount, String status, String archivalCode, Instant sealedAt, boolean sealed,
                        String paperRoom, String paperShelf, String paperBox, LocalDate policyStart, LocalDate policyEnd,
                        Integer fiscalYear)
            implements Serializable {

        /** As registers print it (室 / 架 / 盒), or null when nobody has recorded it. */
        public String paperLocation() {
            return paperRoom == null ? null : new PaperLocation(paperRoom, paperShelf, paperBox).describe();
        }
    }

    /** One line of the item list; a line the user may not see is {@link #restricted} and carries nothing but its number. */
    public record Row(UUID id, int number, String title, String documentType, String documentTypeName, String fileName,
                      String mediaType, Long size, Integer pages, String sha256, String state, String reason,
                      boolean viewableInline, boolean image, boolean readable, java.time.LocalDate documentDate,
                      boolean personalData, boolean withdrawn, String withdrawalReason, String supplementReason)
            implements Serializable {

        static Row restricted(int number) {
            return new Row(null, number, null, null, null, null, null, null, null, null, null, null, false, false, false,
                    null, false, false, null, null);
        }

        public boolean restricted() {
            return !readable;
        }

        public boolean extracting() {
            return "PENDING".equals(state) || "RUNNING".equals(state);
        }

        /** A sound or video recording: played in the viewer, with the notice over it. */
        public boolean recording() {
            return cn.insurer.archive.dossier.Recordings.playable(mediaType);
        }

        public boolean video() {
            return mediaType != null && mediaType.toLowerCase().startsWith("video/");
        }

        /**
         * The content's address for the inline viewer, ending in the file's name: a browser's PDF
         * viewer titles the document by the last segment of its address, which would otherwise be the id.
         */
        public String viewerPath() {
            return "/ui/files/items/" + id + "/" + URLEncoder.encode(fileName.replace('/', '_'), StandardCharsets.UTF_8)
                    .replace("+", "%20");
        }
    }

    /**
     * The id of the item at this place in the list, for a user who reads the dossier and asks to
     * borrow that item: the loan must name it, though the list does not show it.
     */
    @Transactional
    public Optional<UUID> itemNumbered(User user, UUID dossierId, int number) {
        return dossiers.find(dossierId).filter(dossier -> access.canRead(user, dossier))
                .flatMap(dossier -> dossier.items().stream().filter(item -> item.itemNumber() == number).findFirst())
                .map(Item::id);
    }

    /** Reads the dossier again for a user who already opened it; empty when they may no longer read it. */
    @Transactional
    public Optional<Sheet> reread(User user, UUID id) {
        return dossiers.find(id).filter(dossier -> access.canRead(user, dossier)).map(dossier -> of(user, dossier));
    }

    /**
     * Called with a dossier whose items are loaded (Reading loads them) or inside a transaction.
     * An item the user may not see (stricter than their clearance, or personal data past its
     * purpose, without a loan) is listed as restricted, with its number only: the list tells that it
     * is there, not what it is. What completeness misses is judged from the items the user sees.
     */
    public Sheet of(User user, Dossier dossier) {
        FilePlan.RecordClass recordClass = filePlan.recordClass(dossier.type()).orElseThrow();
        Map<String, String> documentTypes = new LinkedHashMap<>(recordClass.documentTypes());
        Facts facts = new Facts(dossier.id(), dossier.type().name(), dossier.title(), dossier.businessKey(),
                dossier.policyNumber(), dossier.claimNumber(), dossier.productLine(), dossier.department(),
                dossier.securityLevel().name(), dossier.insured(), dossier.lossDate(), dossier.claimAmount(),
                dossier.status().name(), dossier.archivalCode(), dossier.sealedAt(), dossier.status() == DossierStatus.SEALED,
                dossier.paperLocation().map(PaperLocation::room).orElse(null),
                dossier.paperLocation().map(PaperLocation::shelf).orElse(null),
                dossier.paperLocation().map(PaperLocation::box).orElse(null), dossier.policyStart(), dossier.policyEnd(),
                dossier.fiscalYear());
        List<Row> rows = new ArrayList<>();
        java.util.Set<String> seenTypes = new java.util.TreeSet<>();
        for (Item item : dossier.items()) {
            if (!access.canSeeItem(user, item)) {
                rows.add(Row.restricted(item.itemNumber()));
                continue;
            }
            if (!item.withdrawn()) {
                seenTypes.add(item.documentType());
            }
            String media = item.mediaType() == null ? "" : item.mediaType();
            boolean image = media.matches("image/(png|jpeg|gif|webp)");
            rows.add(new Row(item.id(), item.itemNumber(), item.title(), item.documentType(),
                    documentTypes.getOrDefault(item.documentType(), item.documentType()), item.fileName(), media,
                    item.size(), item.pages(), item.sha256(), item.extractionState().name(), item.extractionReason(),
                    image || media.equals("application/pdf") || cn.insurer.archive.dossier.Recordings.playable(media), image, true, item.documentDate(), item.personalData(),
                    item.withdrawn(), item.withdrawalReason(), item.supplementReason()));
        }
        List<String> missing = filePlan.requiredDocumentTypes(dossier.type(), dossier.productLine()).stream()
                .filter(type -> !seenTypes.contains(type)).toList();
        return new Sheet(facts, List.copyOf(rows), missing, documentTypes);
    }
}
