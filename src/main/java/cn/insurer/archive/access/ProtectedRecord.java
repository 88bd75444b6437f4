package cn.insurer.archive.access;

/** Anything the access decision rules on: it has a security level and an owning department. */
public interface ProtectedRecord {

    SecurityLevel securityLevel();

    String owningDepartment();

    /** The dossier this is, or belongs to; loans are granted per dossier. */
    default java.util.UUID dossierId() {
        return null;
    }

    /** Whether this holds personal data (PIPL): after its purpose ends it is readable only through a loan. */
    default boolean personalData() {
        return false;
    }

    /** When the business purpose ended (the claim closed), if it has. */
    default java.time.LocalDate purposeEndedOn() {
        return null;
    }

    /** The item this is, when it is one. */
    default java.util.UUID itemId() {
        return null;
    }
}
