package cn.insurer.archive.dossier;

import java.util.UUID;

/**
 * Legal holds as filing sees them: a held dossier takes no change. Declared here and implemented
 * where holds are kept (retention), so that filing needs nothing of retention.
 */
public interface HoldCheck {

    /** Refuses (a conflict) any change to a dossier under an active hold, without naming the cases. */
    void requireNotHeld(UUID dossierId);
}
