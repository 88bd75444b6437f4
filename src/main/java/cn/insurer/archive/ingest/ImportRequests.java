package cn.insurer.archive.ingest;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.storage.StagedFile;
import cn.insurer.archive.storage.UploadStaging;
import cn.insurer.archive.storage.UploadTooLargeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What the REST resource and the web desk both do for the person at hand: stage an uploaded
 * package and start it, find an import they may follow (a refusal audited and told as "unknown"),
 * and render its error report, audited as downloaded.
 */
@ApplicationScoped
public class ImportRequests {

    @Inject
    CurrentUser currentUser;

    @Inject
    ImportLauncher launcher;

    @Inject
    ImportPackages packages;

    @Inject
    Imports imports;

    @Inject
    AccessPolicy access;

    @Inject
    IngestSettings settings;

    @Inject
    Clock clock;

    /** Streams an uploaded package to the import staging folder, refusing it empty or beyond the limit. */
    public StagedFile stage(InputStream in) throws IOException {
        try {
            StagedFile staged = new UploadStaging(packages.stagingDirectory()).stage(in, settings.importMaxBytes());
            if (staged.size() == 0) {
                staged.close();
                throw ProblemException.badFields(List.of(new FieldError("file", "validation.upload.file.empty")));
            }
            return staged;
        } catch (UploadTooLargeException e) {
            throw ProblemException.tooLarge("problem.upload.too.large", settings.importMaxBytes());
        }
    }

    /** Starts a staged package; what is not a ZIP with a manifest is refused at once, so nothing is queued that cannot run. */
    public UUID startPackage(AuditLog.Actor actor, StagedFile zip) {
        try {
            if (!packages.readableZipWithManifest(zip.path())) {
                zip.close();
                throw ProblemException.badRequest("problem.import.manifest.missing");
            }
        } catch (IOException e) {
            zip.close();
            throw ProblemException.badRequest("problem.import.not.zip");
        } catch (ImportPackages.TooManyEntriesException e) {
            zip.close();
            throw ProblemException.badRequest("problem.import.entries.limit", e.limit);
        }
        return launcher.startPackage(actor, zip);
    }

    /** The import when the current user may follow it: who started it, archive managers and auditors. */
    public ImportRun visible(UUID importId) {
        User user = currentUser.require(Permission.IMPORT_READ);
        ImportRun run = imports.find(importId).orElseThrow(() -> ProblemException.notFound("problem.import.unknown", importId));
        if (!access.canFollowImport(user, run.startedBy())) {
            currentUser.deny("import.read", "import:" + importId);
            throw ProblemException.notFound("problem.import.unknown", importId);
        }
        return run;
    }

    /** The import's pace now, by the clock its start was recorded on. */
    public ImportRun.Pace pace(ImportRun run) {
        return run.pace(Instant.now(clock));
    }

    /** The whole error report as CSV for Excel: UTF-8 with a byte order mark, Chinese headings. */
    public byte[] errorReport(ImportRun run, Locale locale) {
        List<ImportProblem> problems = imports.errors(run.id(), Integer.MAX_VALUE);
        StringBuilder csv = new StringBuilder("\uFEFF行号,文件路径,原因\r\n");
        for (ImportProblem problem : problems) {
            csv.append(problem.row() == null ? "" : problem.row()).append(',')
                    .append(cell(problem.path())).append(',').append(cell(problem.message(locale))).append("\r\n");
        }
        imports.auditErrorsDownloaded(currentUser.actor(), run.id(), problems.size());
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String errorReportName(UUID id) {
        return "import-" + id + "-errors.csv";
    }

    /** A cell Excel shows as text: quoted, and never read as a formula. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = value.isEmpty() || "=+-@".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
