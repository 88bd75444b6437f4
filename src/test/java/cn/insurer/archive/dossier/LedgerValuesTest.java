package cn.insurer.archive.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LedgerValuesTest {

    @Test
    void datesAsPeopleWriteThem() {
        assertEquals("2025-11-03", LedgerValues.date("2025/11/3"));
        assertEquals("2025-06-18", LedgerValues.date("2025年6月18日"));
        assertEquals("2025-06-18", LedgerValues.date(" 2025.6.18 "));
        assertEquals("2025-13-45x", LedgerValues.date("2025-13-45x"), "anything else is left for the schema to refuse");
        assertNull(LedgerValues.date(null));
    }

    @Test
    void amountsAsPeopleWriteThem() {
        assertEquals("18600", LedgerValues.money("¥18,600"));
        assertEquals("12800.00", LedgerValues.money("￥12，800.00 元"));
        assertEquals("八千六", LedgerValues.money("八千六"));
    }
}
