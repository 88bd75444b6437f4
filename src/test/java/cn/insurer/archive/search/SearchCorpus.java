package cn.insurer.archive.search;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A fixed archive of twelve dossiers and twenty-one items (33 documents) for search tests. */
final class SearchCorpus {

    static final String SHANGHAI = "上海分公司";
    static final String BEIJING = "北京分公司";
    static final String MOTOR = "车险";
    static final String HOME = "家财险";
    static final String ACCIDENT = "意外险";

    static final UUID D1 = dossierId(1);
    static final UUID D2 = dossierId(2);
    static final UUID D3 = dossierId(3);
    static final UUID D4 = dossierId(4);
    static final UUID D5 = dossierId(5);
    static final UUID D6 = dossierId(6);
    static final UUID D7 = dossierId(7);
    static final UUID D8 = dossierId(8);
    static final UUID D9 = dossierId(9);
    static final UUID D10 = dossierId(10);
    static final UUID D11 = dossierId(11);
    static final UUID D12 = dossierId(12);

    static final int DOSSIERS = 12;
    static final int ITEMS = 21;
    static final int DOCUMENTS = DOSSIERS + ITEMS;

    private SearchCorpus() {
    }

    static UUID dossierId(int n) {
        return new UUID(0x0D055, n);
    }

    static UUID itemId(int dossier, int n) {
        return new UUID(0x17E4, dossier * 100L + n);
    }

    /** A sentence long enough that highlighting must pick a fragment out of the middle. */
    static final String LONG_STATEMENT = "本人张伟，身份证号码略，系保单号PDAA2025310100000123的被保险人。"
            + "二〇二五年三月十五日上午八时许，本人驾驶被保险车辆沿浦东新区世纪大道由东向西正常行驶，"
            + "行至张杨路路口时，对方车辆闯红灯从右侧驶入路口，两车发生碰撞，本人车辆前部严重受损，"
            + "所幸无人员受伤，交警到场后出具了事故认定书，认定对方负主要责任，本人负次要责任。"
            + "现本人因交通事故申请车险理赔，赔案号CL-2025-000042，请贵公司按照保险合同约定尽快核实损失并支付赔款。"
            + "随附事故认定书、驾驶证、行驶证复印件及维修报价单各一份，如需补充材料请及时通知本人。";

    static Map<DossierDocument, List<ItemDocument>> dossiers() {
        Map<DossierDocument, List<ItemDocument>> all = new LinkedHashMap<>();
        all.put(claim(D1, MOTOR, SHANGHAI, "INTERNAL", "车险理赔案卷 张伟", "PDAA2025310100000123",
                        "CL-2025-000042", "张伟", LocalDate.of(2025, 3, 15), 2025, "AC-2025-CL-0001",
                        "出险地点 上海市浦东新区 报案人 张伟"),
                List.of(
                        item(D1, 1, "交通事故认定书", "事故认定", "rending.pdf", null,
                                "2025年3月15日，被保险人张伟驾驶车辆在浦东新区发生交通事故，对方车辆负主要责任。"),
                        item(D1, 2, "定损报告", "定损单", "dingsun.pdf", "CONFIDENTIAL",
                                "经查勘定损，车辆前保险杠及大灯损坏，定损金额人民币12000元。"),
                        item(D1, 3, "理赔申请书", "申请书", "claim-form.pdf", null, LONG_STATEMENT)));
        all.put(claim(D2, MOTOR, BEIJING, "CONFIDENTIAL", "车险理赔案卷 李娜", "PDAA2025110100000456",
                        "CL-2025-000043", "李娜", LocalDate.of(2025, 5, 20), 2025, null, "出险地点 北京市朝阳区"),
                List.of(
                        item(D2, 1, "事故经过说明", "说明", "shuoming.pdf", null,
                                "李娜驾车在交通管制期间与前车发生追尾碰撞事故，无人员伤亡。"),
                        item(D2, 2, "定损报告", "定损单", "dingsun.pdf", null, "定损结论：后备箱盖变形，需钣金喷漆。"),
                        item(D2, 3, "English survey report", "查勘报告", "survey.pdf", null,
                                "PICC motor claim survey report: rear-end collision, no damage from water observed. "
                                        + "Estimated repair cost 8000 CNY.")));
        all.put(underwriting(D3, MOTOR, SHANGHAI, "PUBLIC", "车险承保案卷 王芳", "PDAA2024310100000789", "王芳",
                        2024, "AC-2024-UW-0007", "车牌号 沪A12345 PICC 车险 商业险"),
                List.of(
                        item(D3, 1, "投保单", "投保单", "toubao.pdf", null,
                                "投保人王芳投保机动车交通事故责任强制保险及商业第三者责任险。"),
                        item(D3, 2, "保险单", "保险单", "policy.pdf", null, "PICC 车险保险单，保险期间一年。")));
        all.put(claim(D4, HOME, SHANGHAI, "INTERNAL", "家财险理赔案卷 刘洋", "PQAA2025310100000321",
                        "CL-2025-000050", "刘洋", LocalDate.of(2025, 7, 2), 2025, null, "出险原因 水管爆裂"),
                List.of(
                        item(D4, 1, "现场查勘记录", "查勘记录", "chakan.pdf", null,
                                "厨房水管爆裂，客厅木地板浸泡受损，家具部分浸泡。"),
                        item(D4, 2, "理赔申请书", "申请书", "shenqing.pdf", null, "刘洋申请家财险理赔，损失金额约3万元。"),
                        item(D4, 3, "Water damage assessment", "查勘报告", "assessment.docx", null,
                                "Water damage to the living room floor caused by a burst pipe. "
                                        + "Damage to the furniture is moderate.")));
        all.put(claim(D5, HOME, BEIJING, "SECRET", "家财险理赔案卷 张伟", "PQAA2024110100000654",
                        "CL-2024-000100", "张伟", LocalDate.of(2024, 11, 11), 2024, null, "出险原因 暴雨"),
                List.of(item(D5, 1, "损失清单", "清单", "qingdan.xlsx", "PUBLIC", "暴雨导致地下室进水浸泡，电器损坏。")));
        all.put(underwriting(D6, HOME, BEIJING, "PUBLIC", "家财险承保案卷 赵敏", "PQAA2025110100000987", "赵敏",
                        2025, null, "房屋地址 北京市海淀区"),
                List.of(item(D6, 1, "投保单", "投保单", "toubao.pdf", null, "投保人赵敏为自有住房投保家庭财产保险。")));
        all.put(claim(D7, MOTOR, SHANGHAI, "INTERNAL", "车险理赔案卷 陈杰", "PDAA2025310100000999",
                        "CL-2025-000077", "陈杰", LocalDate.of(2025, 1, 8), 2025, null, ""),
                List.of(
                        item(D7, 1, "交通事故责任认定书", "事故认定", "rending.pdf", null,
                                "陈杰驾驶的车辆与电动自行车发生交通事故，双方同等责任。"),
                        item(D7, 2, "现场照片", "照片", "photo1.jpg", null, "")));
        all.put(underwriting(D8, ACCIDENT, SHANGHAI, "INTERNAL", "意外险承保案卷 周婷", "PEAA2023310100000111",
                        "周婷", 2023, null, "团体意外险"),
                List.of(item(D8, 1, "投保清单", "清单", "list.xlsx", null, "团体意外伤害保险投保人员清单共计120人。")));
        all.put(claim(D9, ACCIDENT, BEIJING, "CONFIDENTIAL", "意外险理赔案卷 孙磊", "PEAA2023110100000222",
                        "CL-2023-000200", "孙磊", LocalDate.of(2023, 9, 30), 2023, null, ""),
                List.of(item(D9, 1, "医疗费用发票", "发票", "fapiao.pdf", null,
                        "孙磊因交通事故受伤住院，医疗费用合计5600元，申请意外险理赔。")));
        all.put(claim(D10, MOTOR, BEIJING, "INTERNAL", "车险理赔案卷 吴刚", "PDAA2024110100000333",
                        "CL-2024-000300", "吴刚", LocalDate.of(2024, 6, 18), 2024, null, ""),
                List.of(item(D10, 1, "定损报告", "定损单", "dingsun.pdf", null,
                        "车辆涉水行驶导致发动机进水，定损后更换发动机总成。")));
        all.put(underwriting(D11, MOTOR, BEIJING, "PUBLIC", "车险续保案卷 黄丽", "PDAA2025110100000555", "黄丽",
                        2025, null, "续保 PICC"),
                List.of(item(D11, 1, "续保确认书", "确认书", "xubao.pdf", null, "黄丽确认续保车险，保费已缴纳。")));
        all.put(claim(D12, HOME, SHANGHAI, "INTERNAL", "家财险理赔案卷 郑浩", "PQAA2025310100000444",
                        "CL-2025-000090", "郑浩", LocalDate.of(2025, 8, 25), 2025, null, ""),
                List.of(
                        item(D12, 1, "查勘报告", "查勘报告", "chakan.pdf", null,
                                "楼上住户水管爆裂渗漏，导致天花板及墙面浸泡发霉。"),
                        item(D12, 2, "理赔计算书", "计算书", "jisuan.pdf", null,
                                "根据保险条款计算赔款金额为人民币8500元。")));
        return all;
    }

    static void feed(ArchiveIndex index) throws IOException {
        for (Map.Entry<DossierDocument, List<ItemDocument>> entry : dossiers().entrySet()) {
            index.upsertDossier(entry.getKey(), entry.getValue());
        }
    }

    static DossierDocument dossier(UUID id) {
        return dossiers().keySet().stream().filter(d -> d.dossierId().equals(id)).findFirst().orElseThrow();
    }

    static List<ItemDocument> items(UUID id) {
        return dossiers().get(dossier(id));
    }

    static List<UUID> allDocumentIds() {
        List<UUID> ids = new ArrayList<>();
        dossiers().forEach((dossier, items) -> {
            ids.add(dossier.dossierId());
            items.forEach(item -> ids.add(item.itemId()));
        });
        return ids;
    }

    private static DossierDocument claim(UUID id, String productLine, String department, String level, String title,
            String policyNumber, String claimNumber, String insured, LocalDate lossDate, int year,
            String archivalCode, String metadata) {
        return new DossierDocument(id, "CLAIM", claimNumber, title, productLine, department, level, "ACTIVE",
                archivalCode, policyNumber, claimNumber, insured, lossDate, new BigDecimal("10000.00"), year,
                metadata);
    }

    private static DossierDocument underwriting(UUID id, String productLine, String department, String level,
            String title, String policyNumber, String insured, int year, String archivalCode, String metadata) {
        return new DossierDocument(id, "UNDERWRITING", policyNumber, title, productLine, department, level,
                "ARCHIVED", archivalCode, policyNumber, null, insured, null, null, year, metadata);
    }

    private static ItemDocument item(UUID dossier, int n, String title, String documentType, String fileName,
            String level, String text) {
        int dossierNumber = (int) dossier.getLeastSignificantBits();
        return new ItemDocument(itemId(dossierNumber, n), title, documentType, fileName, level, text);
    }
}
