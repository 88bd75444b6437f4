package cn.insurer.archive.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FileSizesTest {

    @Test
    void sizesAreInTheUnitsPeopleSayToOneDecimal() {
        assertEquals("1.1 MB", FileSizes.of(1_182_778L));
        assertEquals("812 B", FileSizes.of(812L));
        assertEquals("1.0 KB", FileSizes.of(1024L));
        assertEquals("45.3 KB", FileSizes.of(46_387L));
        assertEquals("2.5 GB", FileSizes.of(2_684_354_560L));
        assertEquals("1.0 MB", FileSizes.of(1_048_575L), "never 1024.0 KB");
        assertEquals("", FileSizes.of(null));
    }
}
