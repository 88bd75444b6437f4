package cn.insurer.archive.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every operation of the OpenAPI document shares, so that the annotations on each resource
 * method need only say what is particular to it: HTTP Basic sign-in, and the problem+json answers
 * (RFC 9457) that follow from the sign-in, the throttle, the operation's shape (a path id that
 * may name nothing, parameters or a body that may be malformed) and the database's outage. An error
 * answer an annotation lists with a description only gets the problem+json content here.
 */
public class ContractFilter implements OASFilter {

    public static final String BASIC = "basic";
    static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    /** The shared answers: status, component name, description. */
    private static final List<String[]> SHARED = List.of(
            new String[] {"400", "BadRequest", "请求格式错误（参数、JSON 或字段不合法） · Malformed input: a parameter, the JSON or a field is invalid"},
            new String[] {"401", "Unauthorized", "未登录或密码错误 · No user signed in, or wrong credentials"},
            new String[] {"403", "Forbidden", "用户缺少所需角色或密级 · The user lacks the role or clearance"},
            new String[] {"404", "NotFound", "不存在，或调用者无权得知其存在 · Unknown, or not known to the caller"},
            new String[] {"415", "UnsupportedMediaType", "不支持的请求内容类型 · Unsupported request media type"},
            new String[] {"429", "TooManyRequests", "登录失败次数过多，稍后再试（见 Retry-After） · Too many failed sign-ins; retry after Retry-After"},
            new String[] {"503", "ServiceUnavailable", "数据库暂不可用（例如正在重启），稍后重试 · The database is down (restarting, say); try again later"});

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSchema("Problem", problemSchema());
        for (String[] shared : SHARED) {
            APIResponse response = OASFactory.createAPIResponse().description(shared[2]).content(problemContent());
            if ("429".equals(shared[0])) {
                response.addHeader("Retry-After", OASFactory.createHeader()
                        .description("可重试前的秒数 · Seconds until a retry may succeed")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
            }
            components.addResponse(shared[1], response);
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                describe(operation, path.getValue());
            }
        }
    }

    private static void describe(Operation operation, PathItem path) {
        if (operation.getSecurity() == null) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BASIC));
        }
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean pathId = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)
                || (path.getParameters() != null && path.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.PATH));
        boolean input = operation.getRequestBody() != null
                || parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        share(responses, "401");
        share(responses, "403");
        share(responses, "429");
        // Every operation reads users and writes the audit trail: none works while the database restarts.
        share(responses, "503");
        if (pathId) {
            share(responses, "404");
        }
        if (input) {
            share(responses, "400");
        }
        if (operation.getRequestBody() != null) {
            share(responses, "415");
        }
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            APIResponse answer = response.getValue();
            if (answer.getRef() == null && response.getKey().matches("[45]\\d\\d") && answer.getContent() == null) {
                answer.setContent(problemContent());
            }
        }
    }

    private static void share(APIResponses responses, String status) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        for (String[] shared : SHARED) {
            if (shared[0].equals(status)) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(shared[1]));
            }
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }

    /** RFC 9457 with the archive's validation list; further members (e.g. {@code missing}) may follow. */
    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("出错的字段或参数 · The field or parameter at fault"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("中文说明 · What is wrong, in Chinese"))
                .required(List.of("field", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 问题详情 · RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .description("问题类型 · Problem type URI"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("中文标题 · Short title, in Chinese"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599))
                        .description("HTTP 状态码 · HTTP status code"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("中文详情 · What happened, in Chinese"))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("出错的请求路径 · The request path"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("逐字段的校验错误 · Validation errors, one per field"))
                .required(List.of("type", "title", "status"))
                .addExample(Map.of("type", ProblemResponses.TYPE_BASE + "validation", "title", "请求内容不符合要求", "status", 422,
                        "detail", "卷宗元数据不符合险种要求", "errors", List.of(Map.of("field", "metadata.vehiclePlate", "message", "必填"))));
    }
}
