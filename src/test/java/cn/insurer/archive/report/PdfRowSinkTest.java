package cn.insurer.archive.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PdfRowSinkTest {

    private static final Path FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    private static PDDocument render(PdfRowSink.Layout layout, List<List<String>> rows) throws Exception {
        Assumptions.assumeTrue(Files.isReadable(FONT), "needs the Chinese font");
        ReportHeader header = new ReportHeader("卷内目录", List.of(new ReportHeader.Particular("档号", "F01-CL·2025-D10-CL-0001")),
                ItemLists.COLUMNS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfRowSink sink = new PdfRowSink(out, header, FONT, layout, java.time.ZoneId.of("Asia/Shanghai"))) {
            for (List<String> row : rows) {
                sink.row(row);
            }
        }
        return Loader.loadPDF(out.toByteArray());
    }

    @Test
    void anItemListIsPortraitAndKeepsEveryWordOfALongTitle() throws Exception {
        String title = "机动车辆保险出险通知书，报案人张伟，事故地点上海市浦东新区世纪大道与东方路交叉口，附现场照片十二张及交警事故认定书";
        try (PDDocument document = render(PdfRowSink.Layout.LIST, List.of(List.of("1", "理赔部", title, "2025-06-18", "3", "内部", "")))) {
            assertTrue(document.getPage(0).getMediaBox().getHeight() > document.getPage(0).getMediaBox().getWidth());
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertTrue(text.contains(title), text);
            assertTrue(text.contains("F01-CL·2025-D10-CL-0001"), text);
        }
    }

    @Test
    void registersCutLongCellsAndRepeatHeadingsOnEveryPage() throws Exception {
        List<List<String>> rows = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> List.of(Integer.toString(i + 1), "理赔部", "题名".repeat(100), "2025-06-18", "1", "内部", ""))
                .toList();
        try (PDDocument document = render(PdfRowSink.Layout.REGISTER, rows)) {
            assertTrue(document.getPage(0).getMediaBox().getWidth() > document.getPage(0).getMediaBox().getHeight());
            assertTrue(document.getNumberOfPages() > 1);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            String second = stripper.getText(document);
            assertTrue(second.contains("件号"), second);
            assertTrue(second.contains("…"), second);
            assertEquals(-1, second.indexOf("题名".repeat(100)));
        }
    }

    @Test
    void registersKeepNumbersWholeAndStateTimesInTheArchivesZoneToTheMinute() throws Exception {
        String code = "F01-CL·2025-D10-HQ-000123456";
        try (PDDocument document = render(PdfRowSink.Layout.REGISTER,
                List.of(List.of(code, "理赔部", "题名", "2025-06-18T02:03:04.123456789Z", "1", "内部", "")))) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertTrue(text.contains(code), text);
            assertTrue(text.contains("2025-06-1810:03"), "in Beijing time, to the minute: " + text);
            assertEquals(-1, text.indexOf("02:03:04"), text);
        }
    }
}
