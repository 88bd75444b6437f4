package cn.insurer.archive.retention;

import cn.insurer.archive.api.ProblemException;
import cn.insurer.archive.config.ArchiveSettings;
import jakarta.enterprise.context.ApplicationScoped;
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
    Dispositions dispositions;

    @Inject
    ArchiveSettings settings;

    @Transactional
    public byte[] render(UUID batchId) {
        Disposition batch = dispositions.find(batchId);
        if (batch.status() != Disposition.Status.EXECUTED || batch.action() != Disposition.Action.DESTROY) {
            throw ProblemException.conflict("problem.disposition.not.executed", batch.status());
        }
        if (!Files.isReadable(settings.pdfFont())) {
            throw ProblemException.unavailable("problem.report.font.missing");
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            DestructionCertificate.write(batch, settings.pdfFont(), pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf.toByteArray();
    }
}
