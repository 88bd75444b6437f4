package cn.insurer.archive.extraction;

import java.util.regex.Pattern;

/** Cleans extracted text before it is stored and indexed. */
final class ExtractedText {

    /**
     * OCR of Chinese (and some PDF text layers) puts spaces between ideographs; Chinese has no
     * spaces between words, so they would only split words like 理赔 apart.
     */
    private static final Pattern SPACE_BETWEEN_HAN = Pattern.compile("(?<=\\p{IsHan})[ \\t\\u3000]+(?=\\p{IsHan})");

    private ExtractedText() {
    }

    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String withoutNul = text.indexOf('\u0000') >= 0 ? text.replace("\u0000", "") : text;
        return SPACE_BETWEEN_HAN.matcher(withoutNul).replaceAll("");
    }
}
