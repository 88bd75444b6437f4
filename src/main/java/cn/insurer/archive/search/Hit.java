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
 * @param dossier       the dossier's own title, business date and amount, for showing hits under it
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
        List<String> highlights,
        DossierHeading dossier) {

    /**
     * What heads a dossier's group of hits.
     *
     * @param date   the business date (loss date); null when the dossier has none
     * @param amount the claimed amount; null when the dossier has none
     */
    public record DossierHeading(String title, java.time.LocalDate date, java.math.BigDecimal amount) {
    }

    public Hit {
        highlights = highlights == null ? List.of() : List.copyOf(highlights);
    }

    public boolean isItem() {
        return itemId != null;
    }

    Hit withHighlights(List<String> fragments) {
        return new Hit(dossierId, itemId, title, archivalCode, productLine, securityLevel, department, score,
                fragments, dossier);
    }
}
