package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The document {@code /openapi} serves, read by swagger-parser as an integrator's generator reads
 * it: no error or warning, every operation described in both languages, secured, with its
 * problem+json refusals; and the same document as the one the build generates its client from
 * ({@code src/main/openapi/archive-api.yaml}).
 */
class OpenApiDocumentIT extends ServerTestBase {

    @Test
    void servedDocumentParsesWithoutErrorOrWarning() throws IOException {
        String served = ServedContract.yaml();
        Path copy = Path.of(System.getProperty("archive.it.dir", "target/it"), "openapi-served.yaml");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, served);
        SwaggerParseResult result = parse(served);
        assertEquals(List.of(), result.getMessages(), "swagger-parser on the served /openapi (copy in " + copy + ")");
        OpenAPI api = result.getOpenAPI();
        assertNotNull(api);
        assertEquals("3.1.0", api.getOpenapi());
    }

    @Test
    void everyOperationIsDescribedSecuredAndNamesItsProblems() throws IOException {
        OpenAPI api = parse(ServedContract.yaml()).getOpenAPI();
        List<String> gaps = new ArrayList<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                String name = entry.getKey() + " " + path.getKey();
                Operation operation = entry.getValue();
                if (blank(operation.getSummary()) || !bilingual(operation.getSummary())) {
                    gaps.add(name + ": no summary in Chinese and English");
                }
                if (blank(operation.getDescription()) || !bilingual(operation.getDescription())) {
                    gaps.add(name + ": no description in Chinese and English");
                }
                if (operation.getSecurity() == null && api.getSecurity() == null) {
                    gaps.add(name + ": no security requirement");
                }
                if (!hasProblemResponse(api, operation)) {
                    gaps.add(name + ": no 4xx application/problem+json response");
                }
                if (operation.getParameters() != null) {
                    operation.getParameters().stream().filter(parameter -> blank(parameter.getDescription()))
                            .forEach(parameter -> gaps.add(name + ": parameter " + parameter.getName() + " undescribed"));
                }
            }
        }
        assertEquals(List.of(), gaps);
    }

    @Test
    void servedDocumentIsTheOneTheClientIsGeneratedFrom() throws IOException {
        assertEquals(ServedContract.normalised(Files.readString(Path.of("src/main/openapi/archive-api.yaml"))),
                ServedContract.normalised(ServedContract.yaml()),
                "src/main/openapi/archive-api.yaml differs from the served /openapi: copy "
                        + Path.of(System.getProperty("archive.it.dir", "target/it"), "openapi-served.yaml")
                        + " over it (written by servedDocumentParsesWithoutErrorOrWarning)");
    }

    private static boolean hasProblemResponse(OpenAPI api, Operation operation) {
        for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
            ApiResponse answer = response.getValue();
            if (answer.get$ref() != null) {
                answer = api.getComponents().getResponses().get(answer.get$ref().substring(answer.get$ref().lastIndexOf('/') + 1));
            }
            Content content = answer == null ? null : answer.getContent();
            MediaType problem = content == null ? null : content.get("application/problem+json");
            if (response.getKey().startsWith("4") && problem != null && problem.getSchema() != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean bilingual(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                && text.codePoints().anyMatch(c -> c < 128 && Character.isLetter(c));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static SwaggerParseResult parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        return new OpenAPIV3Parser().readContents(document, null, options);
    }
}
