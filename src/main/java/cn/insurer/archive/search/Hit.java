package cn.insurer.archive.search;

import java.util.List;
import java.util.UUID;

/**
 * One matching dossier or item, with what the caller needs to decide whether the user may see it.
 *
 * @param itemId        null when the dossier itself matched
 * @param securityLevel for an item, the stricter of the item's and the dossier's levels
 * @param score         relevance; NaN is never returned, but scores compare only within one search
 * @param highlights    matched text in context, HTML-escaped, matches wrapped in {@code <em>};
 *                      empty unless the caller allowed highlighting for this hit
 */
public record Hit(
        UUID dossierId,
        UUID itemId,
        String title,
        String archivalCode,
        String productLine,
        String securityLevel,
        String department,
        float score,
        List<String> highlights) {

    public Hit {
        highlights = highlights == null ? List.of() : List.copyOf(highlights);
    }

    public boolean isItem() {
        return itemId != null;
    }

    Hit withHighlights(List<String> fragments) {
        return new Hit(dossierId, itemId, title, archivalCode, productLine, securityLevel, department, score,
                fragments);
    }
}
