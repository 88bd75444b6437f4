package cn.insurer.archive.web;

import cn.insurer.archive.retention.DestructionCertificates;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.User;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.Reading;
import cn.insurer.archive.ingest.ImportRequests;
import cn.insurer.archive.ingest.ManifestTemplate;
import cn.insurer.archive.ingest.ImportRun;
import cn.insurer.archive.loan.LoanCopies;
import cn.insurer.archive.report.ItemLists;
import cn.insurer.archive.report.Register;
import cn.insurer.archive.report.ReportFilter;
import cn.insurer.archive.report.ReportFormat;
import cn.insurer.archive.report.Registers;
import cn.insurer.archive.storage.ObjectStore;
import cn.insurer.archive.dossier.DossierRepository;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * The desk's downloads, for the signed-in session: item content (inline for the viewer when it is
 * a PDF or an image, a watermarked copy under a loan), the item list, registers and destruction
 * certificates and import error reports. Each goes through the same domain calls, role checks and audit as the API's.
 */
@WebServlet("/ui/files/*")
public class DeskFiles extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Set<String> INLINE = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp");

    @Inject
    CurrentUser currentUser;

    @Inject
    Reading reading;

    @Inject
    ObjectStore objectStore;

    @Inject
    LoanCopies copies;

    @Inject
    ItemLists itemLists;

    @Inject
    DossierRepository dossiers;

    @Inject
    Registers registers;

    @Inject
    DestructionCertificates certificates;

    @Inject
    Language language;

    @Inject
    cn.insurer.archive.report.Labels labels;

    @Inject
    cn.insurer.archive.dossier.Recordings recordings;

    @Inject
    cn.insurer.archive.loan.LoanSlip slips;

    @Inject
    java.time.Clock clock;

    @Inject
    ImportRequests importRequests;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = request.getPathInfo() == null ? new String[0] : request.getPathInfo().substring(1).split("/");
        try {
            // items/{id}/{file name}: the name is only for the viewer's title; the id alone decides what is served.
            if ((path.length == 2 || path.length == 3) && path[0].equals("items")) {
                item(id(path[1], "problem.item.unknown"), request, response);
            } else if (path.length == 2 && path[0].equals("item-lists")) {
                itemList(id(path[1], "problem.dossier.unknown"), request, response);
            } else if (path.length == 2 && path[0].equals("reports")) {
                report(path[1], request, response);
            } else if (path.length == 2 && path[0].equals("import-errors")) {
                importErrors(id(path[1], "problem.import.unknown"), response);
            } else if (path.length == 2 && path[0].equals("manifest-template")) {
                currentUser.require(Permission.IMPORT_START);
                disposition(response, "text/csv; charset=UTF-8", ManifestTemplate.FILE_NAME, false);
                response.getOutputStream().write(ManifestTemplate.csv());
            } else if (path.length == 2 && path[0].equals("loan-slips")) {
                cn.insurer.archive.loan.LoanSlip.Printed slip = slips.print(currentUser.actor(), currentUser.get(), id(path[1], "problem.loan.unknown"));
                disposition(response, "application/pdf", "借阅单-" + slip.number() + ".pdf", true);
                response.setHeader("Cache-Control", "no-store");
                response.getOutputStream().write(slip.pdf());
            } else if (path.length == 2 && path[0].equals("labels")) {
                labels(path[1], request, response);
            } else if (path.length == 2 && path[0].equals("certificates")) {
                certificate(id(path[1], "problem.disposition.unknown"), response);
            } else {
                throw ProblemException.notFound("problem.file.unknown");
            }
        } catch (ProblemException problem) {
            if (!response.isCommitted()) {
                response.reset();
                response.setStatus(cn.insurer.archive.api.ProblemResponses.status(problem.kind()));
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write(Messages.get(language.getLocale(), problem.messageKey(), problem.args()));
            }
        }
    }

    private void item(UUID id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Reading.ContentRead read = reading.contentRead(currentUser.actor(), currentUser.get(), id);
        Item item = read.item();
        if (cn.insurer.archive.dossier.Recordings.playable(item.mediaType())) {
            // The desk's player asks by range; what it plays shows the notice over it.
            cn.insurer.archive.dossier.Recordings.Playback playback = recordings.playback(item, read.loan(), currentUser.get().username(),
                    request.getHeader("Range"), clock.instant());
            response.setStatus(playback.status());
            response.setContentType(playback.mediaType());
            playback.headers().forEach(response::setHeader);
            playback.writeTo(response.getOutputStream());
            return;
        }
        if (read.loan().isPresent()) {
            LoanCopies.LoanCopy copy = copies.copy(item, read.loan().get(), currentUser.get().username());
            try {
                response.setContentType(copy.mediaType());
                response.setContentLengthLong(copy.length());
                copy.headers().forEach(response::setHeader);
                copy.writeTo(response.getOutputStream());
            } finally {
                copy.discard();
            }
            return;
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        boolean inline = INLINE.contains(item.mediaType());
        response.setContentType(inline ? item.mediaType() : "application/octet-stream");
        response.setContentLengthLong(item.size());
        response.setHeader("Content-Disposition", (inline ? "inline" : "attachment") + "; filename*=UTF-8''"
                + encode(item.fileName()));
        // Framed by the desk's own viewer only; anything not a PDF or an image comes as an attachment.
        response.setHeader("Content-Security-Policy", "frame-ancestors 'self'");
        try (InputStream in = objectStore.open(item.contentHash()); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private void itemList(UUID dossierId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ReportFormat format = format(request.getParameter("format"));
        if (!itemLists.canRender(format)) {
            throw ProblemException.unavailable("problem.report.font.missing");
        }
        byte[] document = itemLists.render(currentUser.actor(), currentUser.get(), dossierId, format);
        // Rendering checked the reader; the name is what the printed list is known by, its 档号 or 业务号.
        String known = dossiers.find(dossierId).map(d -> d.archivalCode() != null ? d.archivalCode() : d.businessKey()).orElse("");
        disposition(response, format.mediaType(), "卷内目录-" + known + "." + format.extension(), format == ReportFormat.PDF);
        response.getOutputStream().write(document);
    }

    private void report(String name, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Register register = registers.find(name).orElse(null);
        currentUser.requireAnyRole("report." + name,
                register == null ? new Role[] {Role.AUDITOR} : register.readers().toArray(Role[]::new));
        if (register == null) {
            throw ProblemException.notFound("problem.report.unknown", name);
        }
        ReportFormat format = format(request.getParameter("format"));
        if (!registers.canRender(format)) {
            throw ProblemException.unavailable("problem.report.font.missing");
        }
        AuditLog.Actor who = currentUser.actor();
        attachment(response, format.mediaType(), registers.fileName(register, format));
        registers.write(who, currentUser.get(), register, format, new ReportFilter(null, null, null), response.getOutputStream());
    }

    /** labels/covers?dossier=…: cover labels; labels/box?room=…&amp;shelf=…&amp;box=…: a box label. */
    private void labels(String kind, HttpServletRequest request, HttpServletResponse response) throws IOException {
        User user = currentUser.require(Permission.LABEL_PRINT);
        byte[] pdf;
        if (kind.equals("covers")) {
            String[] named = request.getParameterValues("dossier");
            pdf = labels.covers(currentUser.actor(), user, named == null ? java.util.List.of() : java.util.List.of(named));
        } else if (kind.equals("box")) {
            pdf = labels.box(currentUser.actor(), user, cn.insurer.archive.dossier.PaperLocation.of(request.getParameter("room"),
                    request.getParameter("shelf"), request.getParameter("box")));
        } else {
            throw ProblemException.notFound("problem.file.unknown");
        }
        disposition(response, "application/pdf", kind.equals("box") ? "盒标签.pdf" : "卷皮标签.pdf", true);
        response.getOutputStream().write(pdf);
    }

    private void certificate(UUID id, HttpServletResponse response) throws IOException {
        User user = currentUser.require(Permission.DISPOSITION_CERTIFICATE);
        byte[] pdf = certificates.render(currentUser.actor(), user, id);
        attachment(response, "application/pdf", "destruction-certificate-" + id + ".pdf");
        response.getOutputStream().write(pdf);
    }

    private void importErrors(UUID id, HttpServletResponse response) throws IOException {
        ImportRun run = importRequests.visible(id);
        byte[] csv = importRequests.errorReport(run, language.getLocale());
        attachment(response, "text/csv; charset=UTF-8", ImportRequests.errorReportName(id));
        response.getOutputStream().write(csv);
    }

    private static ReportFormat format(String format) {
        try {
            return ReportFormat.parse(format == null || format.isBlank() ? "pdf" : format);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("problem.validation");
        }
    }

    private static void attachment(HttpServletResponse response, String mediaType, String fileName) {
        response.setContentType(mediaType);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    /**
     * A document named as people know it, in Chinese (RFC 6266 filename* with an ASCII stand-in
     * for old clients); a PDF to print opens in the browser rather than being saved.
     */
    private static void disposition(HttpServletResponse response, String mediaType, String fileName, boolean inline) {
        response.setContentType(mediaType);
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        response.setHeader("Content-Disposition", (inline ? "inline" : "attachment") + "; filename=\"" + ascii
                + "\"; filename*=UTF-8''" + encode(fileName));
    }

    private static UUID id(String text, String unknownKey) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(unknownKey, text);
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
