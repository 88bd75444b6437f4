package cn.insurer.archive.search;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a dossier and its items into Lucene documents.
 *
 * <p>What a hit shows (title, archival code, level, department...) is kept in doc values, so a
 * page of hits is read without decompressing the stored text of its neighbours; only the
 * highlighter reads stored text. A change to what is indexed here must raise {@link #VERSION},
 * which makes servers rebuild an index written by an earlier mapping.
 */
final class DocumentMapper {

    /** The version of the mapping below; recorded with every commit of the index. */
    static final int VERSION = 5;

    /** Offsets in the postings let the highlighter work without re-analysing stored text. */
    private static final FieldType HIGHLIGHTABLE = highlightable();

    private static FieldType highlightable() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    private final TextAnalysis analysis;

    DocumentMapper(TextAnalysis analysis) {
        this.analysis = analysis;
    }

    List<Document> documents(DossierDocument dossier, List<ItemDocument> items) {
        List<Document> documents = new ArrayList<>(items.size() + 1);
        documents.add(dossierDocument(dossier));
        for (ItemDocument item : items) {
            documents.add(itemDocument(dossier, item));
        }
        return documents;
    }

    Document dossierDocument(DossierDocument dossier) {
        Document doc = new Document();
        keyword(doc, ArchiveFields.ID, dossier.dossierId().toString());
        keyword(doc, ArchiveFields.KIND, ArchiveFields.KIND_DOSSIER);
        keyword(doc, ArchiveFields.SECURITY_LEVEL, dossier.securityLevel());
        sharedFields(doc, dossier);
        facetKey(doc, dossier, dossier.securityLevel());
        title(doc, dossier.title());
        for (String identifier : nonBlank(dossier.businessKey(), dossier.policyNumber(),
                dossier.claimNumber(), dossier.archivalCode())) {
            doc.add(new TextField(ArchiveFields.IDENTIFIER, identifier.strip(), Field.Store.NO));
        }
        List<String> content = new ArrayList<>();
        content.add(orEmpty(dossier.title()));
        content.addAll(nonBlank(dossier.businessKey(), dossier.policyNumber(), dossier.claimNumber(),
                dossier.archivalCode(), dossier.insured(), dossier.productLine(), dossier.department(),
                dossier.metadataText()));
        content(doc, DossierText.CONTENT, DossierText.CONTENT_WORDS, content);
        return doc;
    }

    Document itemDocument(DossierDocument dossier, ItemDocument item) {
        Document doc = new Document();
        keyword(doc, ArchiveFields.ID, item.itemId().toString());
        if (item.loanOnlyFrom() != null) {
            doc.add(new org.apache.lucene.document.LongPoint(ArchiveFields.LOAN_ONLY_FROM, item.loanOnlyFrom().toEpochDay()));
        }
        keyword(doc, ArchiveFields.KIND, ArchiveFields.KIND_ITEM);
        String level = SecurityLevels.stricter(dossier.securityLevel(), item.securityLevel());
        keyword(doc, ArchiveFields.SECURITY_LEVEL, level);
        sharedFields(doc, dossier);
        facetKey(doc, dossier, level);
        title(doc, item.title());
        List<String> content = new ArrayList<>();
        content.add(orEmpty(item.title()));
        content.add(orEmpty(item.text()));
        content.addAll(nonBlank(item.documentType(), item.fileName()));
        content(doc, ArchiveFields.CONTENT, ArchiveFields.CONTENT_WORDS, content);
        return doc;
    }

    /** The dossier's filter and facet fields, carried by items too so that filters apply to item hits. */
    private void sharedFields(Document doc, DossierDocument dossier) {
        keyword(doc, ArchiveFields.DOSSIER_ID, dossier.dossierId().toString());
        keyword(doc, ArchiveFields.TYPE, dossier.type());
        keyword(doc, ArchiveFields.PRODUCT_LINE, dossier.productLine());
        keyword(doc, ArchiveFields.DEPARTMENT, dossier.department());
        keyword(doc, ArchiveFields.STATUS, dossier.status());
        keyword(doc, ArchiveFields.YEAR, Integer.toString(dossier.year()));
        // What a hit's dossier heading shows, read with the hit instead of a second lookup.
        doc.add(new BinaryDocValuesField(ArchiveFields.DOSSIER_TITLE, new BytesRef(orEmpty(dossier.title()))));
        if (dossier.claimAmount() != null) {
            doc.add(new BinaryDocValuesField(ArchiveFields.AMOUNT, new BytesRef(dossier.claimAmount().toPlainString())));
        }
        if (dossier.archivalCode() != null) {
            doc.add(new BinaryDocValuesField(ArchiveFields.ARCHIVAL_CODE, new BytesRef(dossier.archivalCode())));
        }
        if (dossier.lossDate() != null) {
            long epochDay = dossier.lossDate().toEpochDay();
            doc.add(new LongPoint(ArchiveFields.DATE, epochDay));
            doc.add(new NumericDocValuesField(ArchiveFields.DATE, epochDay));
        }
    }

    /** The facet fields' values in {@link FacetCounter#FIELDS} order, missing ones empty. */
    private static void facetKey(Document doc, DossierDocument dossier, String level) {
        String key = Stream.of(dossier.type(), dossier.productLine(), Integer.toString(dossier.year()),
                        dossier.department(), level)
                .map(value -> value == null ? "" : value.strip())
                .collect(Collectors.joining(String.valueOf(ArchiveFields.FACET_SEPARATOR)));
        doc.add(new SortedDocValuesField(ArchiveFields.FACET_KEY, new BytesRef(key)));
    }

    /** An analysis that is not queried is not indexed either; the doc value serves hits. */
    private void title(Document doc, String title) {
        doc.add(new BinaryDocValuesField(ArchiveFields.TITLE, new BytesRef(orEmpty(title))));
        if (analysis.usesBigrams()) {
            doc.add(new TextField(ArchiveFields.TITLE, orEmpty(title), Field.Store.NO));
        }
        if (analysis.usesWords()) {
            doc.add(new TextField(ArchiveFields.TITLE_WORDS, orEmpty(title), Field.Store.NO));
        }
    }

    /** The text in {@code field} as bigrams (stored) and in {@code wordsField} as words; see {@link DossierText}. */
    private void content(Document doc, String field, String wordsField, List<String> values) {
        for (String value : values) {
            doc.add(analysis.usesBigrams()
                    ? new Field(field, value, HIGHLIGHTABLE)
                    : new StoredField(field, value));
            if (analysis.usesWords()) {
                doc.add(new TextField(wordsField, value, Field.Store.NO));
            }
        }
    }

    /** Exact-match, stored and with doc values, which serve facets, sorting and tie-breaking alike. */
    private void keyword(Document doc, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        doc.add(new StringField(field, value, Field.Store.YES));
        doc.add(new SortedDocValuesField(field, new BytesRef(value)));
    }

    /**
     * How many leading content values describe what a document is about: the title for a
     * dossier; the title and the extracted text for an item. The rest are names and numbers,
     * which would make MoreLikeThis match on department or file name.
     */
    static int subjectValues(String kind) {
        return ArchiveFields.KIND_ITEM.equals(kind) ? 2 : 1;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static List<String> nonBlank(String... values) {
        return Stream.of(values).filter(v -> v != null && !v.isBlank()).toList();
    }
}
