package cn.insurer.archive.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Audit details read as lines of key and value, hashes shortened with the whole value kept. */
class AuditDetailsTest {

    private static final String SHA = "e01815a7483e7e400a757771aa7f0b3b9d1c2e3f4a5b6c7d8e9f0a1b2c3d4e5f";

    @Test
    void membersBecomeLinesAndHashesAreShortened() {
        List<AuditDetails.Detail> details = AuditDetails.of("{\"dossierId\":\"efd669b6-6f80-49e4-8260-bbf771b38a11\",\"sha256\":\""
                + SHA + "\",\"approvals\":[\"DEPARTMENT_HEAD\",\"ARCHIVE_MANAGER\"],\"items\":0,\"loan\":null}");
        assertEquals(List.of("dossierId", "sha256", "approvals", "items", "loan"), details.stream().map(AuditDetails.Detail::key).toList());
        AuditDetails.Detail hash = details.get(1);
        assertEquals("e01815a7483e…", hash.shown());
        assertEquals(SHA, hash.full());
        assertTrue(hash.shortened());
        assertEquals("efd669b6-6f80-49e4-8260-bbf771b38a11", details.get(0).shown());
        assertFalse(details.get(0).shortened());
        assertEquals("DEPARTMENT_HEAD, ARCHIVE_MANAGER", details.get(2).shown());
        assertEquals("0", details.get(3).shown());
        assertEquals("—", details.get(4).shown());
    }

    @Test
    void nothingOrSomethingElseThanAnObjectStillShows() {
        assertTrue(AuditDetails.of(null).isEmpty());
        assertTrue(AuditDetails.of("{}").isEmpty());
        assertEquals("not json", AuditDetails.of("not json").get(0).shown());
    }
}
