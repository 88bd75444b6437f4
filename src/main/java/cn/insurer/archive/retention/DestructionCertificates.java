package cn.insurer.archive.retention;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.config.ArchiveSettings;
import jakarta.enterprise.context.ApplicationScoped;
import cn.insurer.archive.config.ShownTimes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;

/** 销毁证明 of an executed destruction batch, rendered while its entries can still be loaded. */
@ApplicationScoped
public class DestructionCertificates {

    @Inject
    ShownTimes times;

    @Inject
    Dispositions dispositions;

    @Inject
    ArchiveSettings settings;

    /** The certificate names every destroyed dossier: only for a user who may see the batch's members. */
    @Transactional
    public byte[] render(AuditLog.Actor actor, User user, UUID batchId) {
        Disposition batch = dispositions.find(actor, user, batchId, Permission.DISPOSITION_CERTIFICATE);
        if (batch.status() != Disposition.Status.EXECUTED || batch.action() != Disposition.Action.DESTROY) {
            throw ProblemException.conflict("problem.disposition.not.executed", batch.status());
        }
        long kept = dispositions.keptInStore(batchId);
        if (kept > 0) {
            throw ProblemException.conflict("problem.disposition.content.kept", kept);
        }
        if (!Files.isReadable(settings.pdfFont())) {
            throw ProblemException.unavailable("problem.report.font.missing");
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            DestructionCertificate.write(batch, settings.pdfFont(), times.formatter(), pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf.toByteArray();
    }
}
