package cn.insurer.archive.search;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ScoreDoc;

/**
 * Reads what a page of hits shows from doc values. Stored fields would do too, but each one read
 * decompresses a block shared with the neighbouring documents' extracted text, which made reading
 * twenty titles cost more than finding them.
 */
final class HitFields {

    private HitFields() {
    }

    /** The hits for {@code page}, in its order, each with the score it carries. */
    static List<Hit> read(IndexReader reader, ScoreDoc[] page) throws IOException {
        // Doc values only move forward: visit the page in document order, answer in page order.
        int[] byDocument = IntStream.range(0, page.length).boxed()
                .sorted(Comparator.comparingInt(i -> page[i].doc))
                .mapToInt(Integer::intValue).toArray();
        List<LeafReaderContext> leaves = reader.leaves();
        Hit[] hits = new Hit[page.length];
        Leaf leaf = null;
        for (int position : byDocument) {
            int doc = page[position].doc;
            LeafReaderContext context = leaves.get(ReaderUtil.subIndex(doc, leaves));
            if (leaf == null || leaf.context != context) {
                leaf = new Leaf(context);
            }
            hits[position] = leaf.hit(doc - context.docBase, page[position].score);
        }
        return Arrays.asList(hits);
    }

    /** One segment's hit fields, positioned by ascending document. */
    private static final class Leaf {
        private final LeafReaderContext context;
        private final SortedDocValues id;
        private final SortedDocValues kind;
        private final SortedDocValues dossierId;
        private final SortedDocValues productLine;
        private final SortedDocValues securityLevel;
        private final SortedDocValues department;
        private final BinaryDocValues title;
        private final BinaryDocValues archivalCode;
        private final BinaryDocValues dossierTitle;
        private final BinaryDocValues amount;
        private final NumericDocValues date;

        Leaf(LeafReaderContext context) throws IOException {
            this.context = context;
            LeafReader reader = context.reader();
            id = DocValues.getSorted(reader, ArchiveFields.ID);
            kind = DocValues.getSorted(reader, ArchiveFields.KIND);
            dossierId = DocValues.getSorted(reader, ArchiveFields.DOSSIER_ID);
            productLine = DocValues.getSorted(reader, ArchiveFields.PRODUCT_LINE);
            securityLevel = DocValues.getSorted(reader, ArchiveFields.SECURITY_LEVEL);
            department = DocValues.getSorted(reader, ArchiveFields.DEPARTMENT);
            title = DocValues.getBinary(reader, ArchiveFields.TITLE);
            archivalCode = DocValues.getBinary(reader, ArchiveFields.ARCHIVAL_CODE);
            dossierTitle = DocValues.getBinary(reader, ArchiveFields.DOSSIER_TITLE);
            amount = DocValues.getBinary(reader, ArchiveFields.AMOUNT);
            date = DocValues.getNumeric(reader, ArchiveFields.DATE);
        }

        Hit hit(int doc, float score) throws IOException {
            boolean item = ArchiveFields.KIND_ITEM.equals(value(kind, doc));
            return new Hit(
                    UUID.fromString(value(dossierId, doc)),
                    item ? UUID.fromString(value(id, doc)) : null,
                    value(title, doc),
                    value(archivalCode, doc),
                    value(productLine, doc),
                    value(securityLevel, doc),
                    value(department, doc),
                    score,
                    List.of(),
                    new Hit.DossierHeading(value(dossierTitle, doc),
                            date.advanceExact(doc) ? LocalDate.ofEpochDay(date.longValue()) : null,
                            amount.advanceExact(doc) ? new BigDecimal(amount.binaryValue().utf8ToString()) : null));
        }

        private static String value(SortedDocValues values, int doc) throws IOException {
            return values.advanceExact(doc) ? values.lookupOrd(values.ordValue()).utf8ToString() : null;
        }

        private static String value(BinaryDocValues values, int doc) throws IOException {
            return values.advanceExact(doc) ? values.binaryValue().utf8ToString() : null;
        }
    }
}
