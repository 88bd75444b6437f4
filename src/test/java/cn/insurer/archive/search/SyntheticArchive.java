package cn.insurer.archive.search;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A generated archive for benchmarks: claim and underwriting dossiers whose metadata is drawn from
 * the glossary (product lines, departments, security levels, loss causes), and whose items carry
 * runs of consecutive sentences from real Chinese documentation ({@link KnownItemCorpus}), so
 * that term frequencies are those of real Chinese text rather than of lorem ipsum.
 *
 * <p>Dossier {@code n} is the same on every call, so the archive can be generated again for
 * each system it is loaded into without being held in memory.
 */
final class SyntheticArchive {

    static final int ITEMS_PER_DOSSIER = 10;
    static final int MIN_TEXT = 300;
    static final int MAX_TEXT = 1500;

    static final List<String> PRODUCT_LINES = List.of("车险", "家财险", "农险", "重疾险", "医疗险", "意外险", "寿险",
            "责任险", "雇主责任险", "企业财产险", "网络安全险");
    static final List<String> DEPARTMENTS = List.of("上海分公司", "北京分公司", "广东分公司", "浙江分公司", "江苏分公司",
            "四川分公司", "总公司理赔部", "总公司承保部");
    /** Cumulative shares of PUBLIC, INTERNAL, CONFIDENTIAL and SECRET: most records are internal. */
    private static final int[] LEVEL_PERCENT = {20, 80, 95, 100};
    private static final List<String> LEVELS = List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL", "SECRET");
    private static final List<String> CAUSES = List.of("交通事故", "水管爆裂", "暴雨内涝", "火灾", "盗抢", "高空坠物",
            "疾病住院", "意外摔伤", "网络攻击", "冰雹", "台风", "追尾碰撞");
    private static final List<String> CLAIM_DOCUMENTS = List.of("报案记录", "查勘报告", "定损单", "理赔调查报告",
            "核赔意见", "理赔决定书", "赔款支付凭证", "医疗发票", "事故证明", "身份证明");
    private static final List<String> POLICY_DOCUMENTS = List.of("投保单", "核保意见", "保险单", "批单", "缴费凭证",
            "风险评估报告", "健康告知书", "车辆行驶证", "财产清单", "保险条款");
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？；])|\\n+");

    /** A dossier with its items, as the index is fed them. */
    record Dossier(DossierDocument dossier, List<ItemDocument> items) {
    }

    private final List<String> sentences;

    private SyntheticArchive(List<String> sentences) {
        if (sentences.size() < 100) {
            throw new IllegalArgumentException("too few sentences to assemble text from: " + sentences.size());
        }
        this.sentences = sentences;
    }

    /** Sentences of the zh_CN manual pages and the Debian Reference, in document order. */
    static SyntheticArchive fromDocumentation(Path manDir, Path referenceDir) throws IOException {
        List<String> sentences = new ArrayList<>();
        for (KnownItemCorpus.KnownItem page : KnownItemCorpus.load(manDir, referenceDir)) {
            for (String sentence : SENTENCE_END.split(page.text())) {
                String stripped = sentence.strip().replaceAll("\\s+", " ");
                if (stripped.length() >= 8 && stripped.codePoints().anyMatch(SyntheticArchive::isHan)) {
                    sentences.add(stripped);
                }
            }
        }
        return new SyntheticArchive(sentences);
    }

    int sentenceCount() {
        return sentences.size();
    }

    Dossier dossier(int number) {
        SplittableRandom random = new SplittableRandom(0x5EA7C4L * 31 + number);
        boolean claim = random.nextInt(100) < 60;
        String productLine = PRODUCT_LINES.get(random.nextInt(PRODUCT_LINES.size()));
        String department = DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
        String level = level(random.nextInt(100));
        int year = 2015 + random.nextInt(11);
        LocalDate date = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
        String insured = name(random);
        String cause = CAUSES.get(random.nextInt(CAUSES.size()));
        String policyNumber = String.format("P%s%d%08d", productCode(productLine), year, number);
        String claimNumber = claim ? String.format("CL-%d-%07d", year, number) : null;
        BigDecimal amount = claim ? BigDecimal.valueOf(500 + random.nextInt(500_000)) : null;
        String title = claim
                ? insured + " " + productLine + "理赔案卷 " + cause
                : insured + " " + productLine + "承保案卷";
        String metadata = claim
                ? "出险原因 " + cause + " 被保险人 " + insured + " 报损金额 " + amount + " 元"
                : "投保人 " + insured + " 保险期间 " + year + "年";
        DossierDocument dossier = new DossierDocument(id(0xD0L, number), claim ? "CLAIM" : "UNDERWRITING",
                claim ? claimNumber : policyNumber, title, productLine, department, level,
                random.nextInt(100) < 70 ? "ARCHIVED" : "OPEN", null, policyNumber, claimNumber, insured, date,
                amount, year, metadata);
        List<String> documents = claim ? CLAIM_DOCUMENTS : POLICY_DOCUMENTS;
        List<ItemDocument> items = new ArrayList<>(ITEMS_PER_DOSSIER);
        for (int i = 0; i < ITEMS_PER_DOSSIER; i++) {
            String documentType = documents.get(i % documents.size());
            // Most items share their dossier's level; a few are marked stricter on their own.
            String itemLevel = random.nextInt(100) < 5 ? "CONFIDENTIAL" : null;
            items.add(new ItemDocument(id(0x17L, (long) number * ITEMS_PER_DOSSIER + i), documentType + " " + insured,
                    documentType, documentType + "-" + (i + 1) + ".pdf", itemLevel, text(random)));
        }
        return new Dossier(dossier, items);
    }

    /** Consecutive sentences of one source, 300 to 1,500 characters. */
    private String text(SplittableRandom random) {
        int goal = MIN_TEXT + random.nextInt(MAX_TEXT - MIN_TEXT + 1);
        int sentence = random.nextInt(sentences.size());
        StringBuilder text = new StringBuilder(goal + 100);
        while (text.length() < goal) {
            text.append(sentences.get(sentence)).append('\n');
            sentence = (sentence + 1) % sentences.size();
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text.toString();
    }

    private static String level(int percent) {
        for (int i = 0; i < LEVEL_PERCENT.length; i++) {
            if (percent < LEVEL_PERCENT[i]) {
                return LEVELS.get(i);
            }
        }
        return LEVELS.get(LEVELS.size() - 1);
    }

    private static String name(SplittableRandom random) {
        StringBuilder name = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int length = random.nextInt(3) == 0 ? 2 : 1;
        for (int i = 0; i < length; i++) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.toString();
    }

    private static String productCode(String productLine) {
        return String.format("%02d", PRODUCT_LINES.indexOf(productLine));
    }

    static UUID id(long kind, long number) {
        return new UUID(kind, number);
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
