package cn.insurer.archive.retention;

import cn.insurer.archive.dossier.DossierChanged;
import cn.insurer.archive.dossier.DossierSealed;
import cn.insurer.archive.storage.ContentHash;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The object store's own lock on sealed content follows the archive's decisions, where the bucket
 * has object lock (MinIO): a sealed dossier's objects are kept until its computed disposition date
 * (until the retention class's period from sealing while that date is not known), extended when a
 * later date applies, never shortened (that would need a governance bypass, which the archive never
 * uses); and each object carries an S3 legal hold exactly while an active legal hold covers a
 * dossier holding it. A destruction on the disposition date therefore needs no bypass. The store
 * is told after the archive's own change has committed, off the request's thread.
 */
@ApplicationScoped
public class ObjectLocks {

    private static final Logger LOG = Logger.getLogger(ObjectLocks.class.getName());

    @Inject
    ObjectStore objectStore;

    @Inject
    ObjectLocks self;

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Resource
    ManagedExecutorService executor;

    void onSealed(@Observes(during = TransactionPhase.AFTER_SUCCESS) DossierSealed sealed) {
        if (objectStore.supportsObjectLock()) {
            LocalDate fallback = LocalDate.now(clock).plusYears(sealed.retentionYears());
            executor.execute(() -> apply(sealed.dossierId(), fallback, false));
        }
    }

    /** An event that restarts a clock, or a longer rule, moves the disposition date later. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) DossierChanged change) {
        if (objectStore.supportsObjectLock() && change.itemId() == null) {
            executor.execute(() -> apply(change.dossierId(), null, false));
        }
    }

    void onHold(@Observes(during = TransactionPhase.AFTER_SUCCESS) Holds.Changed changed) {
        if (objectStore.supportsObjectLock()) {
            executor.execute(() -> changed.dossierIds().forEach(id -> apply(id, null, true)));
        }
    }

    private void apply(UUID dossierId, LocalDate fallback, boolean holdChanged) {
        try {
            State state = self.state(dossierId);
            if (state.sealed()) {
                LocalDate until = state.dispositionDate().orElse(fallback);
                if (until != null) {
                    state.objects().forEach(hash -> objectStore.retainAtLeastUntil(hash, until.atStartOfDay(ZoneOffset.UTC)));
                }
            }
            if (holdChanged) {
                for (ContentHash hash : state.objects()) {
                    objectStore.legalHold(hash, self.held(hash));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not bring the object store's locks of dossier " + dossierId + " up to date", e);
        }
    }

    /** What the store is to keep of a dossier: its objects, whether it is sealed, and its disposition date if scheduled. */
    record State(List<ContentHash> objects, boolean sealed, Optional<LocalDate> dispositionDate) {
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public State state(UUID dossierId) {
        List<Object[]> rows = em.createNativeQuery("select d.sealed_at is not null, r.disposition_date from dossier d "
                        + "left join dossier_retention r on r.dossier_id = d.id and r.state = 'SCHEDULED' where d.id = ?1")
                .setParameter(1, dossierId).getResultList();
        if (rows.isEmpty()) {
            return new State(List.of(), false, Optional.empty());
        }
        List<String> hashes = em.createNativeQuery("select distinct sha256 from item where dossier_id = ?1")
                .setParameter(1, dossierId).getResultList();
        Object date = rows.get(0)[1];
        Optional<LocalDate> disposition = date == null ? Optional.empty()
                : Optional.of(date instanceof LocalDate local ? local : ((Date) date).toLocalDate());
        return new State(hashes.stream().map(hash -> new ContentHash(hash.trim())).toList(), (Boolean) rows.get(0)[0], disposition);
    }

    /** Content is shared by hash: an object stays held while any dossier holding it is under an active hold. */
    @Transactional
    public boolean held(ContentHash hash) {
        return ((Number) em.createNativeQuery("select count(*) from item i join legal_hold_dossier hd on hd.dossier_id = i.dossier_id "
                        + "join legal_hold h on h.id = hd.hold_id where i.sha256 = ?1 and h.status = 'ACTIVE'")
                .setParameter(1, hash.hex()).getSingleResult()).longValue() > 0;
    }
}
