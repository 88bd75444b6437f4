package cn.insurer.archive.extraction;

import java.util.List;
import java.util.Properties;

/**
 * What the parent tells a child through system properties; kept in one place so both sides agree on the names.
 */
record ChildOptions(boolean ocrEnabled, String ocrLanguages, int maxCharacters) {

    static final String OCR = "archive.ocr";
    static final String OCR_LANGUAGES = "archive.ocr.languages";
    static final String MAX_CHARACTERS = "archive.maxCharacters";

    static ChildOptions of(ExtractorSettings settings) {
        return new ChildOptions(settings.ocrEnabled(), settings.ocrLanguages(), settings.maxCharacters());
    }

    /** OCR stays off unless asked for, so that merely installing Tesseract never slows the archive down. */
    static ChildOptions fromSystemProperties(Properties properties) {
        return new ChildOptions(
                Boolean.parseBoolean(properties.getProperty(OCR, "false")),
                properties.getProperty(OCR_LANGUAGES, ExtractorSettings.DEFAULT_OCR_LANGUAGES),
                Integer.parseInt(properties.getProperty(MAX_CHARACTERS,
                        String.valueOf(ExtractorSettings.DEFAULT_MAX_CHARACTERS))));
    }

    List<String> toJvmArguments() {
        return List.of(
                "-D" + OCR + "=" + ocrEnabled,
                "-D" + OCR_LANGUAGES + "=" + ocrLanguages,
                "-D" + MAX_CHARACTERS + "=" + maxCharacters);
    }
}
