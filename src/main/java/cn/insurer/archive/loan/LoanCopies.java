package cn.insurer.archive.loan;

import cn.insurer.archive.access.Grant;
import cn.insurer.archive.dossier.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Content read under a loan, as the API and the desk both send it: a watermarked copy
 * ({@link WatermarkedCopies}), never the original; inline to view, as an attachment under a COPY
 * loan; never cached, never sniffed, naming the loan it was read under.
 */
@ApplicationScoped
public class LoanCopies {

    @Inject
    java.time.Clock clock;

    @Inject
    WatermarkedCopies copies;

    /** Makes the copy; the caller sends it with {@link LoanCopy#writeTo}, which deletes it. */
    public LoanCopy copy(Item item, Grant loan, String borrower) {
        Path file = copies.make(item, loan, borrower, clock.instant());
        String name = item.fileName().replaceAll("\\.[^.]*$", "") + "-借阅复制件.pdf";
        return new LoanCopy(file, name, !LoanKind.COPY.name().equals(loan.kind()), loan.loanNumber());
    }

    /** A stamped copy waiting to be sent. */
    public record LoanCopy(Path file, String fileName, boolean inline, String loanNumber) {

        public String mediaType() {
            return "application/pdf";
        }

        public long length() throws IOException {
            return Files.size(file);
        }

        /** Every header the copy is sent with, the content type and length aside. */
        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Disposition", (inline ? "inline" : "attachment") + "; filename*=UTF-8''"
                    + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
            headers.put("X-Archive-Loan", loanNumber);
            headers.put("Cache-Control", "no-store");
            headers.put("X-Content-Type-Options", "nosniff");
            // Framed by the desk's own viewer only.
            headers.put("Content-Security-Policy", "frame-ancestors 'self'");
            return headers;
        }

        /** Sends the copy and deletes it, sent or not. */
        public void writeTo(OutputStream out) throws IOException {
            try {
                Files.copy(file, out);
            } finally {
                discard();
            }
        }

        public void discard() throws IOException {
            Files.deleteIfExists(file);
        }
    }
}
