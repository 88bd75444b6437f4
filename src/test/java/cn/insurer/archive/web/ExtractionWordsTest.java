package cn.insurer.archive.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class ExtractionWordsTest {

    @Test
    void theExtractorsReasonsReadAsWhatTheClerkCanDo() {
        assertEquals("extraction.reason.encrypted", ExtractionWords.key("encrypted: password protected"));
        assertEquals("extraction.reason.damaged", ExtractionWords.key("TikaException: TIKA-198: Illegal IOException (caused by ZipException: invalid END header)"));
        assertEquals("extraction.reason.timeout", ExtractionWords.key("timed out after 2 min"));
        assertEquals("extraction.reason.unsupported", ExtractionWords.key("no parser for application/x-foo"));
        assertEquals("extraction.reason.stopped", ExtractionWords.key("extractor crashed (exit code 137; out of memory?)"));
        assertEquals("extraction.reason.other", ExtractionWords.key("TikaException: something else"));
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            ResourceBundle ui = ResourceBundle.getBundle("ui", locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            for (String kind : List.of("encrypted", "empty", "timeout", "stopped", "unsupported", "damaged", "other")) {
                assertTrue(ui.containsKey("extraction.reason." + kind), kind + " in " + locale);
            }
        }
    }
}
