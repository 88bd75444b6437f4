package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Starting an import and waiting for it to finish, as a clerk's script would. */
final class ImportRuns {

    private ImportRuns() {
    }

    static String start(ApiClient client, byte[] zip) {
        ApiClient.Reply reply = client.postRaw("/api/imports", "application/zip", zip);
        assertEquals(202, reply.status(), reply::toString);
        return reply.json().get("id").asText();
    }

    static JsonNode finished(ApiClient client, String id) {
        return Await.until(() -> client.get("/api/imports/" + id).json(),
                view -> !"RUNNING".equals(view.get("status").asText()), Duration.ofMinutes(3));
    }

    static JsonNode run(ApiClient client, byte[] zip) {
        return finished(client, start(client, zip));
    }
}
