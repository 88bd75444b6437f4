package cn.insurer.archive.dossier;

import cn.insurer.archive.access.SecurityLevel;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The validated fields a new dossier is created from. */
public record DossierFacts(DossierType type, String businessKey, String productLine, String title,
                           String department, SecurityLevel securityLevel, String policyNumber,
                           String claimNumber, String insured, LocalDate policyStart, LocalDate policyEnd,
                           LocalDate lossDate, BigDecimal claimAmount, Integer fiscalYear) {

    /** The facts of a policy or a claim, which have no fiscal year of their own. */
    public DossierFacts(DossierType type, String businessKey, String productLine, String title,
                        String department, SecurityLevel securityLevel, String policyNumber,
                        String claimNumber, String insured, LocalDate policyStart, LocalDate policyEnd,
                        LocalDate lossDate, BigDecimal claimAmount) {
        this(type, businessKey, productLine, title, department, securityLevel, policyNumber, claimNumber, insured,
                policyStart, policyEnd, lossDate, claimAmount, null);
    }
}
