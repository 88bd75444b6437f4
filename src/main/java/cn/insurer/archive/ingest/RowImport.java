package cn.insurer.archive.ingest;

import cn.insurer.archive.access.User;
import cn.insurer.archive.access.UserRepository;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.dossier.FilePlan;
import cn.insurer.archive.extraction.MediaTypeDetector;
import cn.insurer.archive.storage.StagedFile;
import cn.insurer.archive.storage.UploadStaging;
import cn.insurer.archive.storage.UploadTooLargeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Imports rows: reads each row's metadata, stages its file from the package (hashed on the way,
 * within the size and ratio limits), and files it. Whatever goes wrong is that row's failure,
 * recorded with its reason (or, for what nobody foresaw, a plain "internal error" and the details
 * in the server log); it never stops the rows after it.
 */
@ApplicationScoped
public class RowImport {

    private static final Logger LOG = Logger.getLogger(RowImport.class.getName());

    @Inject
    Imports imports;

    @Inject
    RowFiling rowFiling;

    @Inject
    UserRepository users;

    @Inject
    FilePlan filePlan;

    @Inject
    MediaTypeDetector mediaTypes;

    @Inject
    IngestSettings settings;

    @Inject
    ArchiveSettings archiveSettings;

    @Inject
    ImportMetrics metrics;

    /**
     * Imports a chunk's rows: each is read, staged and typed on its own (a row refused there is
     * recorded at once), and the rows ready to file are filed together, a batch of rows in one
     * transaction, their bytes claimed in another: per row, each transaction cost a commit, and
     * the filing's a turn on the audit chain's head, which every slot waits for. The budget read
     * before staging is checked again when the bytes are claimed, since other slots claim too.
     */
    void importRows(ImportRun run, ImportPackage source, List<PendingRow> rows) {
        List<ReadyRow> batch = new ArrayList<>();
        try {
            Map<DossierType, Map<String, String>> documentTypes = documentTypes();
            for (PendingRow row : rows) {
                Reservation reservation = new Reservation();
                guarded(run, row, reservation, () -> {
                    batch.add(prepare(run, source, row, documentTypes, reservation));
                    return null;
                });
                if (bytes(batch) >= BATCH_BYTES) {
                    file(run, batch);
                }
            }
            file(run, batch);
        } finally {
            batch.forEach(ReadyRow::close);
        }
    }

    /**
     * A batch is filed once its files reach this size: they are staged on disk together and
     * written to the object store inside its transaction, and large files must not outlast the
     * transaction's timeout together.
     */
    private static final long BATCH_BYTES = 64L * 1024 * 1024;

    private static long bytes(List<ReadyRow> batch) {
        return batch.stream().mapToLong(ReadyRow::size).sum();
    }

    /** Files the batch and empties it, its staged files deleted. */
    private void file(ImportRun run, List<ReadyRow> batch) {
        try {
            fileTogether(run, reserve(run, batch));
        } finally {
            batch.forEach(ReadyRow::close);
            batch.clear();
        }
    }

    /**
     * Claims the rows' bytes against the package's total-size limit, all in one transaction; when
     * they do not fit together, row by row, so that the rows that still fit are filed.
     */
    private List<ReadyRow> reserve(ImportRun run, List<ReadyRow> rows) {
        long limit = settings.importMaxBytes();
        if (rows.size() > 1 && imports.reserve(run.id(), bytes(rows), limit)) {
            rows.forEach(ready -> ready.reservation().bytes = ready.size());
            return rows;
        }
        List<ReadyRow> reserved = new ArrayList<>(rows.size());
        for (ReadyRow ready : rows) {
            guarded(run, ready.row(), ready.reservation(), () -> {
                if (!imports.reserve(run.id(), ready.size(), limit)) {
                    throw new RowRefused("import.package.total.limit", limit);
                }
                ready.reservation().bytes = ready.size();
                reserved.add(ready);
                return null;
            });
        }
        return reserved;
    }

    /**
     * Files rows in one transaction. A row refused in it rolls the others back with it: the rows
     * before it are filed again, it is recorded as failed with its reason (not tried again, so a
     * refusal is audited once), and the rows after it carry on. A transaction that fails without
     * naming a row, at its commit, is retried a row at a time.
     */
    private void fileTogether(ImportRun run, List<ReadyRow> rows) {
        List<ReadyRow> rest = rows;
        while (!rest.isEmpty()) {
            if (rest.size() == 1) {
                ReadyRow alone = rest.get(0);
                guarded(run, alone.row(), alone.reservation(), () -> fileAlone(run, alone));
                return;
            }
            try {
                rowFiling.fileAll(run, starter(run), actor(run), rest.stream().map(ReadyRow::filing).toList())
                        .forEach(metrics::row);
                return;
            } catch (RowFiling.RowFailed e) {
                fileTogether(run, rest.subList(0, e.index()));
                ReadyRow refused = rest.get(e.index());
                guarded(run, refused.row(), refused.reservation(), () -> {
                    throw e.reason();
                });
                rest = rest.subList(e.index() + 1, rest.size());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Import " + run.id() + ": a batch did not commit; its rows are filed one by one", e);
                for (ReadyRow alone : rest) {
                    guarded(run, alone.row(), alone.reservation(), () -> fileAlone(run, alone));
                }
                return;
            }
        }
    }

    /** Runs one step of a row; whatever it throws becomes that row's recorded failure. */
    private void guarded(ImportRun run, PendingRow row, Reservation reservation, RowStep step) {
        ImportProblem problem;
        try {
            RowOutcome outcome = step.run();
            if (outcome != null) {
                metrics.row(outcome);
            }
            return;
        } catch (RowRefused e) {
            problem = e.problem(row.number(), row.path());
        } catch (ProblemException e) {
            problem = ImportProblem.of(row.number(), row.path(), e);
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "Import " + run.id() + " row " + row.number() + ": file unreadable", e);
            problem = ImportProblem.of(row.number(), row.path(), "import.file.unreadable");
        } catch (RuntimeException e) {
            // The row's outcome, the error report and the API say only that something went wrong: an
            // exception's text can hold SQL, driver messages, class names or paths on this server.
            LOG.log(Level.WARNING, "Import " + run.id() + " row " + row.number() + " failed", e);
            problem = ImportProblem.of(row.number(), row.path(), "import.row.unexpected");
        }
        imports.recordFailure(run.id(), row.number(), problem, reservation.bytes);
        metrics.row(RowOutcome.FAILED);
    }

    @FunctionalInterface
    private interface RowStep {
        /** The row's outcome once filed; null for a step before filing. */
        RowOutcome run() throws IOException;
    }

    /** The bytes this row has claimed against the package's total, given back if the row fails. */
    private static final class Reservation {
        long bytes;
    }

    /** A row read, staged and typed: all it still needs is its bytes claimed and its transaction. */
    private record ReadyRow(PendingRow row, RowRequest request, StagedFile staged, String mediaType,
                            Reservation reservation) implements AutoCloseable {

        long size() {
            return staged.size();
        }

        RowFiling.Row filing() {
            return new RowFiling.Row(row, request, staged, mediaType);
        }

        @Override
        public void close() {
            staged.close();
        }
    }

    private ReadyRow prepare(ImportRun run, ImportPackage source, PendingRow row,
                             Map<DossierType, Map<String, String>> documentTypes, Reservation reservation) throws IOException {
        RowRequest request = RowRequest.of(row.manifestRow(), documentTypes);
        long budget = settings.importMaxBytes() - imports.bytesClaimed(run.id());
        if (budget <= 0) {
            throw new RowRefused("import.package.total.limit", settings.importMaxBytes());
        }
        long limit = Math.min(archiveSettings.uploadMaxBytes(), budget);
        StagedFile staged;
        try (InputStream in = source.open(row.path())) {
            staged = new UploadStaging(archiveSettings.tempDir()).stage(in, limit);
        } catch (UploadTooLargeException e) {
            throw limit == budget ? new RowRefused("import.package.total.limit", settings.importMaxBytes())
                    : new RowRefused("import.file.too.large", archiveSettings.uploadMaxBytes());
        }
        try {
            if (staged.size() == 0) {
                throw new RowRefused("import.file.empty");
            }
            return new ReadyRow(row, request, staged, mediaTypes.detect(staged.path(), request.fileName()), reservation);
        } catch (RuntimeException e) {
            staged.close();
            throw e;
        }
    }

    private RowOutcome fileAlone(ImportRun run, ReadyRow ready) {
        return rowFiling.file(run, starter(run), actor(run), ready.filing());
    }

    /** Who started the import, still enabled: checked again for every transaction. */
    private User starter(ImportRun run) {
        return users.find(run.startedBy()).filter(User::enabled)
                .orElseThrow(() -> new RowRefused("import.user.disabled", run.startedBy()));
    }

    private static AuditLog.Actor actor(ImportRun run) {
        return new AuditLog.Actor(run.startedBy(), run.requestedFrom());
    }

    private Map<DossierType, Map<String, String>> documentTypes() {
        Map<DossierType, Map<String, String>> types = new EnumMap<>(DossierType.class);
        for (DossierType type : DossierType.values()) {
            filePlan.recordClass(type).ifPresent(recordClass -> types.put(type, recordClass.documentTypes()));
        }
        return types;
    }
}
