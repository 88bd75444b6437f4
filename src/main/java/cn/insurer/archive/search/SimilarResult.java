package cn.insurer.archive.search;

import java.util.List;

/**
 * Dossiers resembling a given one.
 *
 * @param hits             the best-matching document of each similar dossier, best first
 * @param interestingTerms the words of the given dossier that the similarity was based on, most
 *                         significant first
 */
public record SimilarResult(List<Hit> hits, List<String> interestingTerms) {

    public SimilarResult {
        hits = List.copyOf(hits);
        interestingTerms = List.copyOf(interestingTerms);
    }
}
