package cn.insurer.archive.dossier;

import cn.insurer.archive.access.Grant;
import cn.insurer.archive.config.ShownTimes;
import cn.insurer.archive.storage.ByteRange;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sound and video recordings (双录 of sales, claim calls, site videos) are played, not copied: their
 * bytes stream as the player asks for them, by range, inline and never cached, with a notice naming
 * who plays them and under which loan that the player shows over the picture. There is no stamped
 * copy of a recording to hand out, so a loan lets its borrower play it and nothing more. Each
 * request is a content read, authorised and audited by {@link Reading} before it gets here.
 */
@ApplicationScoped
public class Recordings {

    @Inject
    ObjectStore objectStore;

    @Inject
    ShownTimes times;

    public static boolean playable(String mediaType) {
        String type = mediaType == null ? "" : mediaType.toLowerCase();
        return type.startsWith("audio/") || type.startsWith("video/");
    }

    /** What to send for a request with this {@code Range} header: 206 with the range, 200 with the whole, or 416. */
    public Playback playback(Item item, Optional<Grant> loan, String username, String rangeHeader, Instant at) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept-Ranges", "bytes");
        headers.put("Content-Disposition", "inline; filename*=UTF-8''" + encode(item.fileName()));
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", "frame-ancestors 'self'");
        headers.put("X-Archive-Notice", "UTF-8''" + encode(notice(loan, username, at)));
        loan.ifPresent(grant -> headers.put("X-Archive-Loan", grant.loanNumber()));
        try {
            Optional<ByteRange> range = ByteRange.parse(rangeHeader, item.size());
            if (range.isEmpty()) {
                headers.put("Content-Length", Long.toString(item.size()));
                return new Playback(200, headers, item, 0, item.size());
            }
            headers.put("Content-Range", range.get().contentRange(item.size()));
            headers.put("Content-Length", Long.toString(range.get().length()));
            return new Playback(206, headers, item, range.get().start(), range.get().length());
        } catch (ByteRange.Unsatisfiable unsatisfiable) {
            headers.put("Content-Range", "bytes */" + item.size());
            return new Playback(416, headers, item, 0, 0);
        }
    }

    /** The words shown over the recording while it plays. */
    public String notice(Optional<Grant> loan, String username, Instant at) {
        return "查阅人 " + username + loan.map(grant -> " · 借阅单号 " + grant.loanNumber()).orElse("") + " · " + times.format(at)
                + " · 仅供查阅，不得录制或外传";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A response to send: its status, headers and the bytes from {@code offset}. */
    public final class Playback {
        private final int status;
        private final Map<String, String> headers;
        private final Item item;
        private final long offset;
        private final long length;

        Playback(int status, Map<String, String> headers, Item item, long offset, long length) {
            this.status = status;
            this.headers = Map.copyOf(headers);
            this.item = item;
            this.offset = offset;
            this.length = length;
        }

        public int status() {
            return status;
        }

        public Map<String, String> headers() {
            return headers;
        }

        public String mediaType() {
            return item.mediaType();
        }

        public void writeTo(OutputStream out) throws IOException {
            if (length == 0) {
                return;
            }
            try (InputStream in = offset == 0 && length == item.size() ? objectStore.open(item.contentHash())
                    : objectStore.open(item.contentHash(), offset, length)) {
                in.transferTo(out);
            }
        }
    }
}
