package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on problem-details answers. */
final class JsonAssert {

    private JsonAssert() {
    }

    static void problem(ApiClient.Reply reply, int status) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(status, reply.json().get("status").asInt());
    }
}
