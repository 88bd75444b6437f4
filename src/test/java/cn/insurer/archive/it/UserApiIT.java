package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserApiIT extends ServerTestBase {

    @Test
    void adminCreatesReadsAndChangesAUser() {
        String username = Users.unique("adjuster");
        ObjectNode body = ApiClient.object().put("username", username).put("password", "correct horse battery")
                .put("displayName", "李娜").put("clearance", "INTERNAL").put("department", "理赔部");
        body.putArray("roles").add("ADJUSTER");

        ApiClient.Reply created = admin().post("/api/users", body);
        assertEquals(201, created.status(), created::toString);
        assertEquals(username, created.json().get("username").asText());
        assertFalse(created.json().has("password"));
        assertFalse(created.text().contains("pbkdf2"));

        JsonNode read = admin().get("/api/users/" + username).json();
        assertEquals("李娜", read.get("displayName").asText());
        assertEquals("ADJUSTER", read.get("roles").get(0).asText());
        assertEquals("理赔部", read.get("department").asText());

        ApiClient.Reply changed = admin().patch("/api/users/" + username,
                Map.of("clearance", "CONFIDENTIAL", "roles", new String[] {"ADJUSTER", "DEPARTMENT_HEAD"}));
        assertEquals(200, changed.status(), changed::toString);
        assertEquals("CONFIDENTIAL", changed.json().get("clearance").asText());
        assertEquals(2, changed.json().get("roles").size());

        ApiClient user = ApiClient.as(username, "correct horse battery");
        assertEquals(200, user.get("/api/users/" + username).status());
        ApiClient.Reply disabled = admin().patch("/api/users/" + username, Map.of("enabled", false));
        assertEquals(200, disabled.status(), disabled::toString);
        assertEquals(401, user.get("/api/users/" + username).status());
    }

    @Test
    void missingOrWrongCredentialsAre401ProblemDetails() {
        ApiClient.Reply none = anonymous().get("/api/dossiers");
        assertEquals(401, none.status());
        assertTrue(none.contentType().startsWith("application/problem+json"), none.contentType());
        assertEquals(401, none.json().get("status").asInt());
        assertNotNull(none.header("WWW-Authenticate"));

        ApiClient.Reply wrong = ApiClient.as("admin", "not-the-password").get("/api/dossiers");
        assertEquals(401, wrong.status());
        assertTrue(wrong.contentType().startsWith("application/problem+json"));

        ApiClient.Reply unknown = ApiClient.as("nobody-" + Users.unique("n"), "whatever password").get("/api/dossiers");
        assertEquals(401, unknown.status(), unknown::toString);

        ApiClient.Reply garbage = anonymous().get("/api/dossiers", java.util.Map.of("Authorization", "Basic %%%"));
        assertEquals(401, garbage.status(), garbage::toString);
    }

    @Test
    void onlyAdminsManageUsers() {
        ApiClient clerk = Users.create("clerk", "INTERNAL", "档案室", "CLERK");
        ObjectNode body = ApiClient.object().put("username", Users.unique("x")).put("password", "long enough pw-2024")
                .put("clearance", "PUBLIC");
        body.putArray("roles").add("ADMIN");
        ApiClient.Reply reply = clerk.post("/api/users", body);
        assertEquals(403, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        assertEquals(403, clerk.get("/api/users/admin").status());
    }

    @Test
    void invalidUsersAreRejectedWithFieldErrors() {
        ObjectNode body = ApiClient.object().put("username", "a").put("password", "short").put("clearance", "INTERNAL");
        body.putArray("roles");
        ApiClient.Reply reply = admin().post("/api/users", body);
        assertEquals(422, reply.status(), reply::toString);
        JsonNode errors = reply.json().get("errors");
        assertEquals(3, errors.size(), reply::toString);

        ApiClient.Reply badEnum = admin().post("/api/users", "{\"username\":\"someone\",\"clearance\":\"TOP\"}");
        assertEquals(400, badEnum.status(), badEnum::toString);
        assertTrue(badEnum.contentType().startsWith("application/problem+json"));

        ApiClient.Reply notJson = admin().post("/api/users", "{nope");
        assertEquals(400, notJson.status(), notJson::toString);

        ApiClient.Reply unknown = admin().get("/api/users/nobody-" + Users.unique("n"));
        assertEquals(404, unknown.status());
        assertTrue(unknown.contentType().startsWith("application/problem+json"));
    }

    @Test
    void duplicateUsernameIsAConflict() {
        ObjectNode body = ApiClient.object().put("username", "admin").put("password", "long enough pw-2024")
                .put("clearance", "PUBLIC");
        body.putArray("roles").add("CLERK");
        assertEquals(409, admin().post("/api/users", body).status());
    }
}
