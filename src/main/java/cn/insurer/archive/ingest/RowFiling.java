package cn.insurer.archive.ingest;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.dossier.ChangeGuard;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierForm;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.Filing;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.retention.RetentionSchedule;
import cn.insurer.archive.storage.StagedFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A row's filing: find or open the dossier by its business key, decide whether the file is new, a
 * duplicate or a conflict, file it through {@link Filing} exactly as a single upload, and record
 * the row's outcome, in a transaction of its own or of its batch. Either all of it commits or none
 * of it.
 */
@ApplicationScoped
public class RowFiling {

    @Inject
    DossierRepository dossiers;

    @Inject
    DossierForm form;

    @Inject
    Filing filing;

    @Inject
    ChangeGuard guard;

    @Inject
    Imports imports;

    @Inject
    RetentionSchedule retention;

    @PersistenceContext
    EntityManager em;

    private record ImportedFile(String sha256, UUID itemId) {
    }

    /** A row ready to file: its request, its staged file and the type detected from its bytes. */
    public record Row(PendingRow row, RowRequest request, StagedFile staged, String mediaType) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RowOutcome file(ImportRun run, User user, AuditLog.Actor actor, Row row) {
        return fileRow(run, user, actor, row);
    }

    /**
     * Files rows in one transaction: if one is refused, none of them is filed, and the refusal
     * names the row ({@link RowFailed}). Each dossier's retention is decided once, after its rows.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<RowOutcome> fileAll(ImportRun run, User user, AuditLog.Actor actor, List<Row> rows) {
        return retention.decidingOnceAfter(() -> {
            List<RowOutcome> outcomes = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                try {
                    outcomes.add(fileRow(run, user, actor, rows.get(i)));
                } catch (RuntimeException e) {
                    throw new RowFailed(i, e);
                }
            }
            return outcomes;
        });
    }

    /** A row of a batch that could not be filed, by its place in the batch; the batch was rolled back. */
    public static final class RowFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int index;

        RowFailed(int index, RuntimeException cause) {
            super(cause);
            this.index = index;
        }

        public int index() {
            return index;
        }

        /** What the row's own transaction would have failed with. */
        public RuntimeException reason() {
            return (RuntimeException) getCause();
        }
    }

    private RowOutcome fileRow(ImportRun run, User user, AuditLog.Actor actor, Row filed) {
        PendingRow row = filed.row();
        RowRequest request = filed.request();
        StagedFile staged = filed.staged();
        Dossier dossier = dossiers.findByBusinessKey(request.type(), request.businessKey()).orElse(null);
        if (dossier != null) {
            guard.requireChangeOfKnown(actor, user, dossier, Permission.ITEM_UPLOAD.operation(), "dossier:" + dossier.id(),
                    request.businessKey());
        }
        if (dossier == null) {
            dossier = open(user, actor, request);
        } else {
            Optional<RowOutcome> known = known(run, row, dossier, staged);
            if (known.isPresent()) {
                return known.get();
            }
        }
        Item item = filing.file(actor, user, dossier.id(), new Filing.NewItemRequest(request.item().title(),
                request.item().documentType(), request.item().documentDate(), request.fileName(), filed.mediaType(),
                request.item().securityLevel(), request.item().personalData()), staged);
        remember(run, row, dossier.id(), staged, item.id());
        imports.recordOutcome(run.id(), row.number(), RowOutcome.IMPORTED, dossier.id(), item.id(), staged.size(), null);
        return RowOutcome.IMPORTED;
    }

    private Dossier open(User user, AuditLog.Actor actor, RowRequest request) {
        DossierForm.Parsed parsed = form.parse(request.dossier(), Messages.DEFAULT_LOCALE);
        return filing.open(actor, user, parsed.facts(), parsed.metadataJson());
    }

    /** The same path imported before, or the same bytes filed before: nothing is added. */
    private Optional<RowOutcome> known(ImportRun run, PendingRow row, Dossier dossier, StagedFile staged) {
        Optional<ImportedFile> previous = previous(dossier.id(), row.path());
        if (previous.isPresent()) {
            if (previous.get().sha256().equals(staged.hash().hex())) {
                imports.recordOutcome(run.id(), row.number(), RowOutcome.SKIPPED_DUPLICATE, dossier.id(),
                        previous.get().itemId(), staged.size(), null);
                return Optional.of(RowOutcome.SKIPPED_DUPLICATE);
            }
            Item existing = dossiers.findItem(previous.get().itemId()).orElseThrow();
            imports.recordOutcome(run.id(), row.number(), RowOutcome.CONFLICT, dossier.id(), existing.id(), staged.size(),
                    ImportProblem.of(row.number(), row.path(), "import.row.conflict", existing.itemNumber(),
                            abbreviate(previous.get().sha256()), abbreviate(staged.hash().hex())));
            return Optional.of(RowOutcome.CONFLICT);
        }
        Optional<Item> same = dossiers.itemsWithContent(dossier.id(), staged.hash().hex()).stream().findFirst();
        if (same.isPresent()) {
            remember(run, row, dossier.id(), staged, same.get().id());
            imports.recordOutcome(run.id(), row.number(), RowOutcome.SKIPPED_DUPLICATE, dossier.id(), same.get().id(),
                    staged.size(), null);
            return Optional.of(RowOutcome.SKIPPED_DUPLICATE);
        }
        return Optional.empty();
    }

    private Optional<ImportedFile> previous(UUID dossierId, String path) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select sha256, item_id from imported_file where dossier_id = ?1 and path = ?2")
                .setParameter(1, dossierId).setParameter(2, path).getResultList();
        return rows.stream().findFirst().map(found -> new ImportedFile((String) found[0], (UUID) found[1]));
    }

    private void remember(ImportRun run, PendingRow row, UUID dossierId, StagedFile staged, UUID itemId) {
        em.createNativeQuery("insert into imported_file (dossier_id, path, sha256, item_id, import_id) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, dossierId).setParameter(2, row.path()).setParameter(3, staged.hash().hex())
                .setParameter(4, itemId).setParameter(5, run.id()).executeUpdate();
    }

    private static String abbreviate(String sha256) {
        return sha256.substring(0, 12);
    }
}
