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
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Imports one row: reads its metadata, stages its file from the package (hashed on the way, within
 * the size and ratio limits), and files it. Whatever goes wrong is that row's failure, recorded
 * with its reason (or, for what nobody foresaw, a plain "internal error" and the details in the
 * server log); it never stops the rows after it.
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

    void importRow(ImportRun run, ImportPackage source, PendingRow row) {
        ImportProblem problem;
        Reservation reservation = new Reservation();
        try {
            metrics.row(file(run, source, row, reservation));
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

    /** The bytes this row has claimed against the package's total, given back if the row fails. */
    private static final class Reservation {
        long bytes;
    }

    private RowOutcome file(ImportRun run, ImportPackage source, PendingRow row, Reservation reservation) throws IOException {
        User user = users.find(run.startedBy()).filter(User::enabled)
                .orElseThrow(() -> new RowRefused("import.user.disabled", run.startedBy()));
        RowRequest request = RowRequest.of(row.manifestRow(), documentTypes());
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
        try (staged) {
            if (staged.size() == 0) {
                throw new RowRefused("import.file.empty");
            }
            // The budget above was read before staging; the other thread may have claimed part of it since.
            if (!imports.reserve(run.id(), staged.size(), settings.importMaxBytes())) {
                throw new RowRefused("import.package.total.limit", settings.importMaxBytes());
            }
            reservation.bytes = staged.size();
            String mediaType = mediaTypes.detect(staged.path(), request.fileName());
            return rowFiling.file(run, user, new AuditLog.Actor(run.startedBy(), run.requestedFrom()), row, request, staged, mediaType);
        }
    }

    private Map<DossierType, Map<String, String>> documentTypes() {
        Map<DossierType, Map<String, String>> types = new EnumMap<>(DossierType.class);
        for (DossierType type : DossierType.values()) {
            filePlan.recordClass(type).ifPresent(recordClass -> types.put(type, recordClass.documentTypes()));
        }
        return types;
    }
}
