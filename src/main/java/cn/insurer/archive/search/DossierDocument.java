package cn.insurer.archive.search;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * The searchable view of one dossier (案卷): one per underwriting policy or claim.
 *
 * @param type         UNDERWRITING or CLAIM
 * @param securityLevel PUBLIC, INTERNAL, CONFIDENTIAL or SECRET
 * @param archivalCode null until the dossier has been formally archived
 * @param lossDate     the business date used for date filters and sorting; null when the dossier has none
 * @param year         the business year
 * @param metadataText free metadata values flattened into one text
 */
public record DossierDocument(
        UUID dossierId,
        String type,
        String businessKey,
        String title,
        String productLine,
        String department,
        String securityLevel,
        String status,
        String archivalCode,
        String policyNumber,
        String claimNumber,
        String insured,
        LocalDate lossDate,
        BigDecimal claimAmount,
        int year,
        String metadataText) {

    public DossierDocument {
        Objects.requireNonNull(dossierId, "dossierId");
    }
}
