package cn.insurer.archive.dossier;

import cn.insurer.archive.access.ProtectedRecord;
import cn.insurer.archive.access.SecurityLevel;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What the access decision needs of a dossier or an item, and nothing it says: read where a record
 * is only named (the audit trail names millions), so that deciding on it loads no record.
 */
public record RecordStanding(UUID dossierId, UUID itemId, SecurityLevel securityLevel, String owningDepartment,
                             boolean personalData, LocalDate purposeEndedOn) implements ProtectedRecord {

    /**
     * A record that cannot be placed any more (gone without a trace of its level): decided as the
     * most secret record of no department, which only someone who may read anything reads.
     */
    static RecordStanding unplaced() {
        return new RecordStanding(null, null, SecurityLevel.SECRET, null, false, null);
    }
}
