package cn.insurer.archive.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code manifest.xlsx} files written part by part, as Excel lays them out, for what POI's writers
 * will not make: cells longer than Excel allows, Excel's character escapes ({@code _x0000_}) as
 * they stand, and ledgers of a hundred thousand rows and more in a few seconds.
 */
final class XlsxManifests {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private XlsxManifests() {
    }

    /** Rows of inline strings, the first the headings; cell text is written as given, escapes and all. */
    static byte[] inline(List<List<String>> rows) {
        return workbook((sheet, strings) -> {
            for (int r = 0; r < rows.size(); r++) {
                sheet.write("<row r=\"" + (r + 1) + "\">");
                for (int c = 0; c < rows.get(r).size(); c++) {
                    sheet.write("<c r=\"" + column(c) + (r + 1) + "\" t=\"inlineStr\"><is><t>" + escape(rows.get(r).get(c))
                            + "</t></is></c>");
                }
                sheet.write("</row>");
            }
        });
    }

    /** A ledger with shared strings, as Excel saves one: the headings, then {@code rows} rows. */
    static byte[] shared(List<String> headings, int rows, IntFunction<List<String>> row) {
        return workbook((sheet, strings) -> {
            writeShared(sheet, strings, 1, headings);
            for (int r = 1; r <= rows; r++) {
                writeShared(sheet, strings, r + 1, row.apply(r));
            }
        });
    }

    private static void writeShared(Writer sheet, Map<String, Integer> strings, int number, List<String> cells) throws IOException {
        sheet.write("<row r=\"" + number + "\">");
        for (int c = 0; c < cells.size(); c++) {
            Integer index = strings.computeIfAbsent(cells.get(c), text -> strings.size());
            sheet.write("<c r=\"" + column(c) + number + "\" t=\"s\"><v>" + index + "</v></c>");
        }
        sheet.write("</row>");
    }

    private interface SheetWriter {
        void rows(Writer sheet, Map<String, Integer> strings) throws IOException;
    }

    private static byte[] workbook(SheetWriter rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            Writer out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            part(zip, out, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                    + "</Types>");
            part(zip, out, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" + RELS + "\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + DOC_RELS + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            part(zip, out, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN
                    + "\" xmlns:r=\"" + DOC_RELS + "\"><sheets><sheet name=\"台账\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            part(zip, out, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" + RELS + "\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + DOC_RELS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"" + DOC_RELS + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
            Map<String, Integer> strings = new LinkedHashMap<>();
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN + "\"><sheetData>");
            rows.rows(out, strings);
            out.write("</sheetData></worksheet>");
            out.flush();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + MAIN + "\" uniqueCount=\"" + strings.size() + "\">");
            for (String text : strings.keySet()) {
                out.write("<si><t>" + escape(text) + "</t></si>");
            }
            out.write("</sst>");
            out.flush();
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void part(ZipOutputStream zip, Writer out, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        out.write(xml);
        out.flush();
        zip.closeEntry();
    }

    private static String column(int index) {
        StringBuilder name = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            name.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return name.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
