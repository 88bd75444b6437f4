package cn.insurer.archive.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may do what, by role: the one table the API, the desk and the features consult. Reading a
 * record is not here: it depends on the record as well (clearance, department, loans, PIPL phase)
 * and is decided by {@link AccessPolicy}. The operation name is what a refusal records in the
 * audit trail.
 */
public enum Permission {

    DOSSIER_CREATE("dossier.create", Role.CLERK, Role.ARCHIVE_MANAGER),
    DOSSIER_SEAL("dossier.seal", Role.CLERK, Role.ARCHIVE_MANAGER),
    /** Sealing an incomplete dossier, with a reason. */
    DOSSIER_SEAL_INCOMPLETE("dossier.seal.incomplete", Role.ARCHIVE_MANAGER),
    DOSSIER_EVENT("dossier.event", Role.CLERK, Role.ARCHIVE_MANAGER),
    /** Moving the date of a business event that starts a legal clock, once recorded. */
    DOSSIER_EVENT_CORRECT("dossier.event.correct", Role.ARCHIVE_MANAGER),
    DOSSIER_LOCATION("dossier.location", Role.CLERK, Role.ARCHIVE_MANAGER),
    /** Printing cover and box labels for the 库房. */
    LABEL_PRINT("label.print", Role.CLERK, Role.ARCHIVE_MANAGER),
    /** Correcting a dossier's description (title, insured, dates, amount) while it is open, with a reason. */
    DOSSIER_CORRECT("dossier.correct", Role.CLERK, Role.ARCHIVE_MANAGER),
    /** The same once the dossier is sealed: the record's description changes only on the archive manager's word. */
    DOSSIER_CORRECT_SEALED("dossier.correct.sealed", Role.ARCHIVE_MANAGER),
    /** 补充归档: filing a late document into a sealed dossier, with a reason; the archive manager's act is the approval. */
    DOSSIER_SUPPLEMENT("dossier.supplement", Role.ARCHIVE_MANAGER),
    ITEM_UPLOAD("item.upload", Role.CLERK, Role.ARCHIVE_MANAGER),
    /** Correcting an item's details before sealing. */
    ITEM_CORRECT("item.correct", Role.CLERK, Role.ARCHIVE_MANAGER),
    /** Withdrawing a mis-filed item before sealing, with a reason. */
    ITEM_WITHDRAW("item.withdraw", Role.CLERK, Role.ARCHIVE_MANAGER),
    ITEM_EXTRACTION_RETRY("item.extraction.retry", Role.CLERK, Role.ARCHIVE_MANAGER),

    IMPORT_START("import.start", Role.CLERK, Role.ARCHIVE_MANAGER),
    IMPORT_READ("import.read", Role.CLERK, Role.ARCHIVE_MANAGER, Role.AUDITOR),

    CUSTODY_CHECK("custody.check", Role.ARCHIVE_MANAGER),
    CUSTODY_CHECK_READ("custody.check.read", Role.ARCHIVE_MANAGER, Role.AUDITOR),
    CUSTODY_ALERTS("custody.alerts", Role.ARCHIVE_MANAGER, Role.AUDITOR),
    CUSTODY_ALERT_ACKNOWLEDGE("custody.alert.acknowledge", Role.ARCHIVE_MANAGER),
    /** 盘点: starting an inventory of the paper, scanning its labels, closing it. */
    INVENTORY_TAKE("inventory.take", Role.CLERK, Role.ARCHIVE_MANAGER),
    INVENTORY_READ("inventory.read", Role.CLERK, Role.ARCHIVE_MANAGER, Role.AUDITOR),

    INDEX_REBUILD("index.rebuild", Role.ADMIN),
    INDEX_STATUS("index.status", Role.ADMIN),
    CLOCK_READ("clock.read", Role.ADMIN),
    CLOCK_SHIFT("clock.shift", Role.ADMIN),

    RETENTION_RULES("retention.rules", Role.ARCHIVE_MANAGER, Role.AUDITOR),
    RETENTION_DUE("retention.due", Role.ARCHIVE_MANAGER, Role.AUDITOR),
    HOLD_PLACE("hold.place", Role.ARCHIVE_MANAGER),
    HOLD_RELEASE("hold.release", Role.ARCHIVE_MANAGER),
    HOLD_LIST("hold.list", Role.ARCHIVE_MANAGER, Role.AUDITOR),
    HOLD_READ("hold.read", Role.ARCHIVE_MANAGER, Role.AUDITOR),
    DISPOSITION_PROPOSE("disposition.propose", Role.ARCHIVE_MANAGER),
    RETENTION_EXTEND("retention.extend", Role.ARCHIVE_MANAGER),
    DISPOSITION_LIST("disposition.list", Role.ARCHIVE_MANAGER, Role.AUDITOR),
    DISPOSITION_READ("disposition.read", Role.ARCHIVE_MANAGER, Role.AUDITOR),
    /** The archive manager signs first, then an auditor: which signature is due is the batch's state. */
    DISPOSITION_APPROVE("disposition.approve", Role.ARCHIVE_MANAGER, Role.AUDITOR),
    DISPOSITION_EXECUTE("disposition.execute", Role.ARCHIVE_MANAGER),
    DISPOSITION_PACKAGE("disposition.package", Role.ARCHIVE_MANAGER, Role.AUDITOR),
    DISPOSITION_CERTIFICATE("disposition.certificate", Role.ARCHIVE_MANAGER, Role.AUDITOR),

    AUDIT_READ("audit.read", Role.AUDITOR),
    AUDIT_VERIFY("audit.verify", Role.AUDITOR),
    REPORT_LIST("report.list", Role.AUDITOR, Role.ARCHIVE_MANAGER),

    USER_CREATE("user.create", Role.ADMIN),
    USER_READ("user.read", Role.ADMIN),
    USER_CHANGE("user.change", Role.ADMIN),

    /** Borrowing is for people who work with records; an administrator of users only reads none. */
    LOAN_REQUEST("loan.request", Role.CLERK, Role.ADJUSTER, Role.UNDERWRITER, Role.DEPARTMENT_HEAD,
            Role.ARCHIVE_MANAGER, Role.AUDITOR),
    /** Every loan of the archive, whatever department and borrower. */
    LOAN_READ_ALL("loan.read.all", Role.CLERK, Role.ARCHIVE_MANAGER, Role.AUDITOR),
    /** The loans of the user's own department, to decide on them. */
    LOAN_READ_DEPARTMENT("loan.read.department", Role.DEPARTMENT_HEAD),
    LOAN_INBOX("loan.inbox", Role.DEPARTMENT_HEAD, Role.ARCHIVE_MANAGER),
    LOAN_SWEEP("loan.sweep", Role.ARCHIVE_MANAGER),
    /** Checking a paper original back in for someone else. */
    LOAN_RETURN_FOR_OTHERS("loan.return.others", Role.CLERK, Role.ARCHIVE_MANAGER),
    /** 出库 and 归还入库: moving a paper original out of the 库房 and back, at the archive's counter. */
    LOAN_CUSTODY("loan.custody", Role.CLERK, Role.ARCHIVE_MANAGER);

    private final String operation;
    private final Set<Role> roles;

    Permission(String operation, Role first, Role... rest) {
        this.operation = operation;
        this.roles = EnumSet.of(first, rest);
    }

    /** The name a refusal is audited under. */
    public String operation() {
        return operation;
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }

    public boolean grantedTo(User user) {
        return user.enabled() && user.roles().stream().anyMatch(roles::contains);
    }
}
