package cn.insurer.archive.access;

/** Anything the access decision rules on: it has a security level and an owning department. */
public interface ProtectedRecord {

    SecurityLevel securityLevel();

    String owningDepartment();
}
