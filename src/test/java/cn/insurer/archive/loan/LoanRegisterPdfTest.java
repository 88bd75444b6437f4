package cn.insurer.archive.loan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.report.PdfRowSink;
import cn.insurer.archive.report.ReportHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The printed 借阅登记簿 keeps every loan number, archival code and level whole, each on one line. */
class LoanRegisterPdfTest {

    private static final Path FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    @Test
    void aLongArchivalCodeALoanNumberAndTheLevelArePrintedWhole() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(FONT), "needs the Chinese font");
        String number = "JY-2025-000123";
        String code = "F01-CL·2025-D10-CL-0042";
        String longer = "F01-CL·2025-D10-HQ-000123456";
        ReportHeader header = new ReportHeader("借阅登记簿", List.of(), new LoanRegister().columns());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfRowSink sink = new PdfRowSink(out, header, FONT, PdfRowSink.Layout.REGISTER, ZoneId.of("Asia/Shanghai"))) {
            for (String archivalCode : List.of(code, longer)) {
                sink.row(List.of(number, "zhangwei.claims", "2025年车险理赔案卷 沪A12345 追尾事故", archivalCode, "在线查阅",
                        "核对理赔金额与发票", LoanRegister.level("CONFIDENTIAL"), "待审批", "2025-06-18T02:03:04.123456789Z",
                        "2025-06-23T02:03:04Z", "", "王经理 同意：请注意保密"));
            }
        }
        try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            String[] lines = stripper.getText(document).split("\\R");
            for (String whole : List.of(number, code, longer, "秘密")) {
                assertTrue(List.of(lines).stream().anyMatch(line -> line.replace(" ", "").contains(whole)),
                        whole + " printed whole on one line: " + String.join("\n", lines));
            }
            assertTrue(List.of(lines).stream().noneMatch(line -> line.contains("CONFIDENTIAL")), "the level as a word");
            Map<String, Float> sizes = new HashMap<>();
            PDFTextStripper sizing = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    positions.forEach(p -> sizes.putIfAbsent(p.getUnicode(), p.getFontSizeInPt()));
                    super.writeString(text, positions);
                }
            };
            sizing.getText(document);
            assertEquals(8f, sizes.get("核"), 0.01f, "Chinese free text (the purpose) wraps at the usual size, never shrunk");
            assertTrue(sizes.get("Q") < 8f, "a long code is set smaller to stay on one line");
        }
    }
}
