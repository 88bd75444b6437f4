package cn.insurer.archive.dossier;

import cn.insurer.archive.access.SecurityLevel;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The validated fields a new dossier is created from. */
public record DossierFacts(DossierType type, String businessKey, String productLine, String title,
                           String department, SecurityLevel securityLevel, String policyNumber,
                           String claimNumber, String insured, LocalDate policyStart, LocalDate policyEnd,
                           LocalDate lossDate, BigDecimal claimAmount) {
}
