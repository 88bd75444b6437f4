package cn.insurer.archive.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrailDisclosureTest {

    private static final UUID A = UUID.fromString("0db0256e-874d-4133-aa1e-b236a043f4c8");
    private static final UUID B = UUID.fromString("92840f80-44a9-4f13-b5d9-cfd1270d9cda");
    private static final UUID C = UUID.fromString("df4a6208-bd20-4f05-bf85-743e66ad59aa");
    private static final UUID D = UUID.fromString("27d6cfd4-6a61-4720-8b07-6e9ce3947d31");

    @Test
    void anEventIsAboutItsTargetAndTheRecordsItsDetailsNameById() {
        TrailDisclosure.Subjects subjects = TrailDisclosure.subjects("dossier:" + A,
                Map.of("itemId", B.toString(), "items", List.of(C.toString()), "dossiers", 3, "title", "见 " + D));
        assertEquals(Set.of(A), subjects.dossiers());
        assertEquals(Set.of(B, C), subjects.items(), "a title that happens to hold an id names nothing");
    }

    @Test
    void aListOfDossiersInTheTargetNamesEachAndOtherTargetsNameNone() {
        assertEquals(Set.of(A, C), TrailDisclosure.subjects("dossiers:" + A + "," + C, Map.of()).dossiers());
        assertEquals(Set.of(B), TrailDisclosure.subjects("item:" + B, Map.of()).items());
        TrailDisclosure.Subjects loan = TrailDisclosure.subjects("loan:" + A, Map.of("comment", "同意"));
        assertEquals(Set.of(), loan.dossiers());
        assertEquals(Set.of(), loan.items());
    }

    @Test
    void whatARecordSaysIsNeverAPlainMember() {
        for (String content : List.of("title", "previousTitle", "insured", "claimAmount", "fileName", "sha256", "size",
                "archivalCode", "businessKey", "reason", "comment", "path", "room", "documentType", "purpose")) {
            assertFalse(TrailDisclosure.PLAIN.contains(content), content);
        }
    }
}
