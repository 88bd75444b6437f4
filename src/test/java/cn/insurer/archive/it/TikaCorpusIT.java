package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file of Tika's own test corpus (encrypted, truncated, corrupt, exotic formats) goes
 * through the REST API: no 5xx, no hang, every item ends DONE, FAILED or UNSUPPORTED with a
 * reason, every original downloads byte-identical, and the server is still healthy afterwards.
 */
class TikaCorpusIT extends ServerTestBase {

    private static final Path CORPUS = Path.of("target/test-documents");
    private static final int FILES_PER_DOSSIER = 100;
    private static final Duration PATIENCE = Duration.ofMinutes(30);

    @Test
    void theWholeHostileCorpusIsFiledExtractedAndReturnedIntact() throws Exception {
        ApiClient clerk = Users.create("clerk", "SECRET", "档案室", "CLERK");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(files.size() > 700, "the corpus is unpacked: " + files.size());

        Map<String, String> expectedHashByItem = new TreeMap<>();
        List<String> dossierIds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        String dossierId = null;
        int inDossier = FILES_PER_DOSSIER;
        for (Path file : files) {
            String hash = sha256(Files.newInputStream(file));
            if (!seen.add(hash)) {
                continue;
            }
            if (inDossier == FILES_PER_DOSSIER) {
                dossierId = Dossiers.create(clerk, Dossiers.claim("企业财产险", "理赔部", "INTERNAL")).get("id").asText();
                dossierIds.add(dossierId);
                inDossier = 0;
            }
            String name = CORPUS.relativize(file).toString();
            ApiClient.Reply reply = clerk.upload(dossierId, file, file.getFileName().toString(),
                    Dossiers.itemMetadata(name, "OTHER"));
            statuses.merge(reply.status(), 1, Integer::sum);
            assertTrue(reply.status() < 500, () -> name + " → " + reply);
            assertEquals(201, reply.status(), () -> name + " → " + reply);
            expectedHashByItem.put(reply.json().get("id").asText(), hash);
            inDossier++;
        }

        Map<String, Integer> states = awaitExtraction(clerk, dossierIds);
        System.out.println("Tika corpus: " + expectedHashByItem.size() + " distinct files, upload statuses " + statuses
                + ", extraction " + states);
        assertEquals(expectedHashByItem.size(), states.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(states.getOrDefault("DONE", 0) > expectedHashByItem.size() / 2, states::toString);

        for (Map.Entry<String, String> item : expectedHashByItem.entrySet()) {
            HttpResponse<InputStream> response = clerk.stream("/api/items/" + item.getKey() + "/content");
            assertEquals(200, response.statusCode());
            assertEquals(item.getValue(), sha256(response.body()), "item " + item.getKey() + " comes back byte-identical");
        }
        JsonNode health = anonymous().get("/health").json();
        assertEquals("UP", health.get("status").asText(), health::toString);
    }

    private static Map<String, Integer> awaitExtraction(ApiClient clerk, List<String> dossierIds) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            Map<String, Integer> states = new TreeMap<>();
            boolean finished = true;
            for (String id : dossierIds) {
                for (JsonNode item : clerk.get("/api/dossiers/" + id).json().get("items")) {
                    String state = item.get("extraction").asText();
                    states.merge(state, 1, Integer::sum);
                    if (state.equals("PENDING") || state.equals("RUNNING")) {
                        finished = false;
                    } else if (!state.equals("DONE")) {
                        assertFalse(item.path("extractionReason").asText().isBlank(), item::toString);
                    }
                }
            }
            if (finished) {
                return states;
            }
            assertTrue(Instant.now().isBefore(deadline), "extraction still running after " + PATIENCE + ": " + states);
            Thread.sleep(2000);
        }
    }

    private static String sha256(InputStream in) {
        try (DigestInputStream digest = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
            digest.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
