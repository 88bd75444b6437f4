package cn.insurer.archive.search;

/**
 * When a search that requires every word is run again with fewer words required. The archive
 * ships {@link #SHIPPED}; the others exist so that {@code RelevanceBench} can measure the choice.
 *
 * @param below    the second pass runs when the first finds fewer documents than this; 0 never
 * @param fraction the share of the query's words a document needs in the second pass; at least
 *                 one word in any case, so 0 means any word
 */
record Relaxation(int below, float fraction) {

    static final Relaxation NONE = new Relaxation(0, 1f);
    /**
     * Only a search that found nothing is relaxed, so a search that finds something returns exactly
     * the documents with every word; then any word will do, ranked by how many and how rare.
     */
    static final Relaxation SHIPPED = new Relaxation(1, 0f);

    Relaxation {
        if (below < 0 || fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("below must be >= 0 and fraction between 0 and 1");
        }
    }
}
