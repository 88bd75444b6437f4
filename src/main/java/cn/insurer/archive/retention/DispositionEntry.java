package cn.insurer.archive.retention;

import cn.insurer.archive.access.SecurityLevel;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One dossier of a disposition batch, described as it stood when proposed and refreshed when
 * executed. After destruction it is the dossier's tombstone.
 */
@Embeddable
public class DispositionEntry {

    public enum Outcome {
        PENDING,
        DESTROYED,
        TRANSFERRED,
        SKIPPED
    }

    @Column(name = "dossier_id", nullable = false)
    private UUID dossierId;

    @Column(name = "archival_code")
    private String archivalCode;

    @Column(name = "business_key", nullable = false)
    private String businessKey;

    @Column(name = "dossier_type", nullable = false)
    private String dossierType;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String department;

    @Column(name = "rule_id")
    private String ruleId;

    @Column(name = "policy_version")
    private String policyVersion;

    @Column(name = "trigger_date")
    private LocalDate triggerDate;

    @Column(name = "disposition_date")
    private LocalDate dispositionDate;

    @Column(name = "item_count", nullable = false)
    private int itemCount;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Outcome outcome;

    @Column(name = "skip_reason")
    private String skipReason;

    /** What the dossier held when the signers were asked to sign (see Dossier.contentFingerprint). */
    @Column(name = "content_fingerprint")
    private String contentFingerprint;

    /** The highest level among the dossier and its items when last seen; null on members recorded before it was kept. */
    @Column(name = "security_level")
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private SecurityLevel securityLevel;

    protected DispositionEntry() {
    }

    public DispositionEntry(UUID dossierId, String archivalCode, String businessKey, String dossierType, String title,
                            String department, int itemCount, String contentFingerprint, SecurityLevel securityLevel,
                            RetentionDecision decision) {
        this.dossierId = dossierId;
        this.archivalCode = archivalCode;
        this.businessKey = businessKey;
        this.dossierType = dossierType;
        this.title = title;
        this.department = department;
        this.itemCount = itemCount;
        this.contentFingerprint = contentFingerprint;
        this.securityLevel = securityLevel;
        this.outcome = Outcome.PENDING;
        decided(decision);
    }

    void decided(RetentionDecision decision) {
        ruleId = decision.ruleId();
        policyVersion = decision.policyVersion();
        triggerDate = decision.triggerDate();
        dispositionDate = decision.dispositionDate();
    }

    /** Whether the dossier still holds what the signers were shown. */
    boolean holds(String fingerprint) {
        return fingerprint.equals(contentFingerprint);
    }

    /** The batch goes back for signing: from now on the signers are shown what the dossier holds now. */
    void shownAgain(int items, String fingerprint, SecurityLevel level) {
        itemCount = items;
        securityLevel = level;
        contentFingerprint = fingerprint;
    }

    void disposed(int items, SecurityLevel level, Outcome how) {
        itemCount = items;
        securityLevel = level;
        outcome = how;
        skipReason = null;
    }

    void skipped(String reason) {
        outcome = Outcome.SKIPPED;
        skipReason = reason;
    }

    public UUID dossierId() {
        return dossierId;
    }

    public String archivalCode() {
        return archivalCode;
    }

    public String businessKey() {
        return businessKey;
    }

    public String dossierType() {
        return dossierType;
    }

    public String title() {
        return title;
    }

    public String department() {
        return department;
    }

    public String ruleId() {
        return ruleId;
    }

    public String policyVersion() {
        return policyVersion;
    }

    public LocalDate triggerDate() {
        return triggerDate;
    }

    public LocalDate dispositionDate() {
        return dispositionDate;
    }

    public int itemCount() {
        return itemCount;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String skipReason() {
        return skipReason;
    }

    public SecurityLevel securityLevel() {
        return securityLevel;
    }

    public String contentFingerprint() {
        return contentFingerprint;
    }

    /** The dossier as people name it: its title and archival code, or business key before it is sealed. */
    public String label() {
        return "「" + title + "」（" + (archivalCode != null ? archivalCode : businessKey) + "）";
    }
}
