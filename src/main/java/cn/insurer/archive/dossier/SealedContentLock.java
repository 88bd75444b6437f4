package cn.insurer.archive.dossier;

import cn.insurer.archive.storage.ContentHash;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a dossier is sealed, its objects are also locked in the store where the store can do it
 * (MinIO object lock, governance mode) for at least the retention class's period: the database is
 * then not the only thing standing between a mistake and the bytes.
 */
@ApplicationScoped
public class SealedContentLock {

    private static final Logger LOG = Logger.getLogger(SealedContentLock.class.getName());

    @Inject
    ObjectStore objectStore;

    void onSealed(@Observes(during = TransactionPhase.AFTER_SUCCESS) DossierSealed sealed) {
        if (!objectStore.supportsObjectLock()) {
            return;
        }
        ZonedDateTime until = ZonedDateTime.now(ZoneOffset.UTC).plusYears(sealed.retentionYears());
        for (ContentHash hash : sealed.objects()) {
            try {
                objectStore.retainUntil(hash, until);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not lock object " + hash + " of sealed dossier " + sealed.archivalCode(), e);
            }
        }
    }

    /** Fired by sealing; carries what to lock and for how long. */
    public record DossierSealed(String archivalCode, List<ContentHash> objects, int retentionYears) {
    }
}
