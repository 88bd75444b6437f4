package cn.insurer.archive.web;

import cn.insurer.archive.ingest.IngestSettings;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.ingest.ImportProblem;
import cn.insurer.archive.ingest.ImportRequests;
import cn.insurer.archive.ingest.ImportRun;
import cn.insurer.archive.ingest.Imports;
import cn.insurer.archive.storage.StagedFile;
import jakarta.faces.view.ViewScoped;
import cn.insurer.archive.config.ShownTimes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.primefaces.PrimeFaces;
import org.primefaces.event.FileUploadEvent;

/**
 * 批量导入: a clerk uploads a package (ZIP with its ledger), which starts through the same ingest
 * classes as {@code POST /api/imports}, then follows its progress, its first errors and the error
 * report; the user's recent imports are listed to come back to.
 */
@Named
@ViewScoped
public class ImportPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int ERRORS_SHOWN = 20;
    private static final int RECENT = 10;
    private static final Logger LOG = Logger.getLogger(ImportPage.class.getName());

    @Inject
    ShownTimes times;

    @Inject
    CurrentUser currentUser;

    @Inject
    ImportRequests requests;

    @Inject
    Imports imports;

    @Inject
    IngestSettings settings;

    @Inject
    Language language;

    @Inject
    UiText text;

    @Inject
    Notices notices;

    @Inject
    Desk desk;

    private String id;
    private Progress progress;
    private List<RecentImport> recent = List.of();

    /** One import as the page shows it, computed once per refresh. */
    public record Progress(UUID id, String status, boolean running, int total, int done, int imported, int skipped,
                           int conflicts, int failed, int percent, String rate, String eta, String failure,
                           int errorCount, List<ErrorRow> errors) implements Serializable {
    }

    public record ErrorRow(String row, String path, String reason) implements Serializable {
    }

    public record RecentImport(UUID id, String startedAt, String status, int total, int done, int failed)
            implements Serializable {
    }

    /** The page's entry check (the API's roles for starting), then the import named in the address, if any. */
    public String load() {
        String refused = desk.require("IMPORT_START");
        if (refused != null) {
            return refused;
        }
        recent = recentImports();
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            show(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            notices.problem(ProblemException.notFound("problem.import.unknown", id));
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
        return null;
    }

    public void upload(FileUploadEvent uploaded) {
        try {
            currentUser.require(Permission.IMPORT_START);
            UUID started;
            try (InputStream in = uploaded.getFile().getInputStream()) {
                StagedFile zip = requests.stage(in);
                started = requests.startPackage(currentUser.actor(), zip);
            }
            id = started.toString();
            show(started);
            // A small package may be done already; its panel says so, and "started" would be stale at once.
            if (progress.running()) {
                notices.info("import.started", uploaded.getFile().getFileName());
            }
        } catch (ProblemException problem) {
            notices.problem(problem);
        } catch (IOException e) {
            LOG.log(Level.INFO, "Import upload interrupted", e);
            notices.problem(ProblemException.badRequest("problem.upload.interrupted"));
        }
    }

    /** The poll's call while the import runs. */
    public void refresh() {
        if (progress != null) {
            try {
                boolean wasRunning = progress.running();
                show(progress.id());
                if (wasRunning && !progress.running()) {
                    // The poll leaves the messages alone while the import runs; at its end "started" no longer holds.
                    PrimeFaces.current().ajax().update(":messages");
                }
            } catch (ProblemException problem) {
                notices.problem(problem);
                PrimeFaces.current().ajax().update(":messages");
            }
        }
    }

    private void show(UUID importId) {
        ImportRun run = requests.visible(importId);
        ImportRun.Pace pace = requests.pace(run);
        Locale locale = language.getLocale();
        List<ErrorRow> errors = imports.errors(run.id(), ERRORS_SHOWN).stream().map(problem -> errorRow(problem, locale)).toList();
        int percent = run.total() == 0 ? ("RUNNING".equals(run.status()) ? 0 : 100) : run.done() * 100 / run.total();
        progress = new Progress(run.id(), run.status(), "RUNNING".equals(run.status()), run.total(), run.done(),
                run.imported(), run.skipped(), run.conflicts(), run.failed(), percent,
                text.get("import.rate.value", pace.rowsPerSecond()), eta(run, pace), run.failure(), imports.errorCount(run.id()), errors);
        recent = recentImports();
    }

    private static ErrorRow errorRow(ImportProblem problem, Locale locale) {
        return new ErrorRow(problem.row() == null ? "—" : problem.row().toString(), problem.path() == null ? "" : problem.path(),
                problem.message(locale));
    }

    private String eta(ImportRun run, ImportRun.Pace pace) {
        if (!"RUNNING".equals(run.status())) {
            return text.get("import.eta.finished");
        }
        Long seconds = pace.etaSeconds();
        if (seconds == null) {
            return text.get("import.eta.unknown");
        }
        return seconds < 60 ? text.get("import.eta.seconds", seconds)
                : text.get("import.eta.minutes", seconds / 60, seconds % 60);
    }

    public List<RecentImport> getRecent() {
        return recent;
    }

    private List<RecentImport> recentImports() {
        return imports.startedBy(currentUser.get().username(), RECENT).stream()
                .map(run -> new RecentImport(run.id(), times.format(run.startedAt()), run.status(), run.total(),
                        run.done(), run.failed()))
                .toList();
    }

    public boolean isRunning() {
        return progress != null && progress.running();
    }

    public long getMaxBytes() {
        return settings.importMaxBytes();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Progress getProgress() {
        return progress;
    }
}
