package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the contract check of the integration tests' exchanges catches, against a small document. */
class ContractCheckTest {

    private static final ContractCheck CHECK = new ContractCheck(ServedContract.tree("""
            openapi: 3.1.0
            info: {title: t, version: "1"}
            paths:
              /api/loans/{id}:
                get:
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                    - {name: verbose, in: query, schema: {type: boolean}}
                  responses:
                    "200":
                      description: the loan
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Loan"}
                    "404": {$ref: "#/components/responses/NotFound"}
              /api/loans/sweep:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema: {type: object, properties: {days: {type: integer}}}
                  responses:
                    "204": {description: done}
            components:
              responses:
                NotFound:
                  description: unknown
                  content:
                    application/problem+json:
                      schema: {type: object, required: [status], properties: {status: {type: integer}}}
              schemas:
                Loan:
                  type: object
                  required: [id]
                  properties:
                    id: {type: string}
                    days: {type: integer}
            """));

    @Test
    void aConformingExchangeHasNoViolation() {
        assertEquals(List.of(), check("GET", "/api/loans/7?verbose=true", null, null, reply(200, "application/json", "{\"id\":\"7\",\"days\":3}")));
        assertEquals(List.of(), check("GET", "/api/loans/7", null, null, reply(404, "application/problem+json", "{\"status\":404}")));
        assertEquals(List.of(), check("POST", "/api/loans/sweep", "application/json", "{\"days\":3}", reply(204, null, "")));
    }

    @Test
    void anUndocumentedStatusMediaTypeOrBodyIsAViolation() {
        assertTrue(check("GET", "/api/loans/7", null, null, reply(409, "application/problem+json", "{\"status\":409}"))
                .get(0).contains("status 409 is not documented"));
        assertTrue(check("GET", "/api/loans/7", null, null, reply(200, "text/html", "<html/>"))
                .get(0).contains("response media type text/html"));
        assertTrue(check("GET", "/api/loans/7", null, null, reply(200, "application/json", "{\"id\":7}"))
                .get(0).startsWith("response body:"));
        assertTrue(check("GET", "/api/loans/7", null, null, reply(404, "application/problem+json", "{}"))
                .get(0).startsWith("response body:"));
        assertTrue(check("POST", "/api/loans/sweep", "application/json", "{}", reply(204, "application/json", "{}"))
                .get(0).contains("documented without a body"));
    }

    @Test
    void anAcceptedRequestMustMatchTheDocument() {
        assertTrue(check("GET", "/api/loans/7?mine=true", null, null, reply(200, "application/json", "{\"id\":\"7\"}"))
                .get(0).contains("query parameter 'mine'"));
        assertTrue(check("POST", "/api/loans/sweep", "application/json", "{\"days\":\"three\"}", reply(204, null, ""))
                .get(0).startsWith("request body:"));
        assertEquals(List.of(), check("POST", "/api/loans/sweep", "application/json", "{\"days\":\"three\"}",
                reply(400, null, "")).stream().filter(v -> v.startsWith("request")).toList(), "a refused request is the server's to refuse");
    }

    @Test
    void unknownRoutesAreLeftToTheServersAnswer() {
        assertEquals(List.of(), check("GET", "/api/nothing", null, null, reply(404, "application/problem+json", "{\"status\":404}")));
        assertEquals(List.of(), check("DELETE", "/api/loans/7", null, null, reply(405, null, "")));
        assertTrue(check("DELETE", "/api/loans/7", null, null, reply(200, null, "")).get(0).contains("no operation DELETE"));
    }

    private static List<String> check(String method, String path, String contentType, String body, ApiClient.Reply reply) {
        return CHECK.violations(method.toLowerCase(), URI.create("http://127.0.0.1" + path), contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), reply);
    }

    private static ApiClient.Reply reply(int status, String contentType, String body) {
        return new ApiClient.Reply(status, contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
