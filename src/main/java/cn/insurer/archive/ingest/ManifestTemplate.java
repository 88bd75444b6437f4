package cn.insurer.archive.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A manifest to fill in, offered on the import page: the Chinese headings the import reads, in a
 * ledger's order, the rows of one claim dossier with two files and of one volume of accounting
 * vouchers, each value written as the import accepts it (理赔, 内部, 报案记录, 2025-06-18, 18600.00, 否). A UTF-8 CSV with a byte order mark,
 * so that spreadsheet programs open its Chinese as Chinese.
 */
public final class ManifestTemplate {

    /** The file name the template is downloaded as. */
    public static final String FILE_NAME = "导入台账模板.csv";

    static final List<String> HEADINGS = List.of("案卷类型", "赔案号", "保单号", "险种", "案卷题名", "部门", "密级", "被保险人",
            "出险日期", "索赔金额", "册号", "会计年度", "件题名", "文件类型", "文件日期", "文件密级", "个人信息", "文件路径");

    static final List<List<String>> EXAMPLE_ROWS = List.of(
            List.of("理赔", "CL2025-0001", "PDAA2025-0001", "车险", "张伟 车险 理赔案卷", "理赔部", "内部", "张伟", "2025-06-18",
                    "18600.00", "", "", "机动车辆出险通知书", "报案记录", "2025-06-18", "", "否", "CL2025-0001/出险通知书.pdf"),
            List.of("理赔", "CL2025-0001", "PDAA2025-0001", "车险", "张伟 车险 理赔案卷", "理赔部", "内部", "张伟", "2025-06-18",
                    "18600.00", "", "", "现场查勘报告", "查勘报告", "2025-06-19", "", "是", "CL2025-0001/查勘报告.pdf"),
            List.of("财务", "", "", "", "2024年度 记账凭证 第1册", "财务部", "内部", "", "", "", "PZ2024-001", "2024",
                    "记账凭证（第1至200号）", "记账凭证", "2024-01-31", "", "否", "PZ2024-001/记账凭证1-200.pdf"));

    private ManifestTemplate() {
    }

    public static byte[] csv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        line(out, HEADINGS);
        EXAMPLE_ROWS.forEach(row -> line(out, row));
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, List<String> cells) {
        out.writeBytes((String.join(",", cells) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
