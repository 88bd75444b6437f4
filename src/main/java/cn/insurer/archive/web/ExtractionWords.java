package cn.insurer.archive.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why a document's text could not be read, in words a clerk can act on. The stored reason is the
 * extractor's own (Tika's English, exception names) and stays in the record for whoever runs the
 * server; the desk shows what it means: encrypted, damaged, too slow, a format it cannot read.
 */
@Named
@ApplicationScoped
public class ExtractionWords {

    private record Kind(Pattern pattern, String key) {
    }

    /** First match wins: the more telling causes before the generic ones. */
    private static final List<Kind> KINDS = List.of(
            new Kind(Pattern.compile("encrypt|password", Pattern.CASE_INSENSITIVE), "extraction.reason.encrypted"),
            new Kind(Pattern.compile("empty file|zero.length", Pattern.CASE_INSENSITIVE), "extraction.reason.empty"),
            new Kind(Pattern.compile("timed out|timeout", Pattern.CASE_INSENSITIVE), "extraction.reason.timeout"),
            new Kind(Pattern.compile("stopped|crashed|out of memory|protocol error", Pattern.CASE_INSENSITIVE), "extraction.reason.stopped"),
            new Kind(Pattern.compile("no parser|unsupported|not supported", Pattern.CASE_INSENSITIVE), "extraction.reason.unsupported"),
            new Kind(Pattern.compile("zip|eof|corrupt|truncat|damaged|invalid|malformed|unexpected end|header",
                    Pattern.CASE_INSENSITIVE), "extraction.reason.damaged"));

    @Inject
    UiText text;

    public String of(String reason) {
        if (reason == null || reason.isBlank()) {
            return "";
        }
        return text.get(key(reason));
    }

    static String key(String reason) {
        String lower = reason.toLowerCase(Locale.ROOT);
        return KINDS.stream().filter(kind -> kind.pattern().matcher(lower).find()).map(Kind::key).findFirst()
                .orElse("extraction.reason.other");
    }
}
