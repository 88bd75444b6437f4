package cn.insurer.archive.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExtractedTextTest {

    @Test
    void joinsIdeographsThatOcrSpacedApart() {
        assertEquals("理赔收据 No. 42 赔款支付凭证", ExtractedText.normalise("理 赔 收 据 No. 42 赔 款 支 付 凭 证"));
    }

    @Test
    void keepsSpacesBetweenLatinWordsAndRemovesNul() {
        assertEquals("water damage 水管爆裂", ExtractedText.normalise("water damage\u0000 水 管 爆 裂"));
        assertEquals("", ExtractedText.normalise(null));
    }
}
