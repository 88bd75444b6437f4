package cn.insurer.archive.search;

/** Lucene field names shared by indexing and searching. */
final class ArchiveFields {

    static final String ID = "id";
    static final String KIND = "kind";
    static final String DOSSIER_ID = "dossierId";

    /** Title analysed into CJK bigrams; also the stored title. */
    static final String TITLE = "title";
    /** Title segmented into Chinese words. */
    static final String TITLE_WORDS = "title.words";
    /** Everything searchable as CJK bigrams, stored with offsets for highlighting. */
    static final String CONTENT = "content";
    /** Everything searchable segmented into Chinese words. */
    static final String CONTENT_WORDS = "content.words";
    /** Policy, claim, business and archival numbers, matched whole and case-insensitively. */
    static final String IDENTIFIER = "identifier";

    static final String TYPE = "type";
    static final String PRODUCT_LINE = "productLine";
    static final String DEPARTMENT = "department";
    static final String SECURITY_LEVEL = "securityLevel";
    static final String STATUS = "status";
    static final String ARCHIVAL_CODE = "archivalCode";
    /** The dossier's title on every document of it, for grouping hits under their dossier. */
    static final String DOSSIER_TITLE = "dossierTitle";
    /** The dossier's claimed amount as a plain decimal, on every document of it. */
    static final String AMOUNT = "amount";
    static final String YEAR = "year";
    /** For personal data past its purpose: the epoch day from which only a loan opens it. */
    static final String LOAN_ONLY_FROM = "loanOnlyFrom";
    /** Business date as epoch day. */
    static final String DATE = "date";
    /**
     * Every facet field's value of a document joined into one doc value, so that counting the
     * facets of a match costs one lookup instead of one per facet field.
     */
    static final String FACET_KEY = "facetKey";
    /** Separates the values within {@link #FACET_KEY}; never part of a metadata value. */
    static final char FACET_SEPARATOR = '\u001f';

    static final String KIND_DOSSIER = "dossier";
    static final String KIND_ITEM = "item";

    private ArchiveFields() {
    }
}
