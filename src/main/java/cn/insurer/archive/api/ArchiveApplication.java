package cn.insurer.archive.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.ExternalDocumentation;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API. Its OpenAPI document ({@code /openapi}) is built from the annotations on the
 * resources; {@link ContractFilter} adds what every operation shares (sign-in, problem answers),
 * and the build version comes from {@code META-INF/microprofile-config.properties}. WildFly's
 * /openapi always writes a license, a contact and external docs, empty when the deployment names
 * none (which OpenAPI forbids), so they are filled here.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "保险档案管理系统 API · Insurance Records Archive API", version = "build",
                description = "保险业务档案（承保、理赔卷宗）的立卷、归档、检索、借阅、保管期限与销毁接口。"
                        + "错误一律以 application/problem+json（RFC 9457）返回，标题与详情为中文。\n\n"
                        + "Filing, sealing, search, lending, retention and disposition of insurance records "
                        + "(underwriting and claim dossiers). Every error is application/problem+json (RFC 9457) "
                        + "with a Chinese title and detail.",
                contact = @Contact(name = "档案室 · Records office"),
                license = @License(name = "专有，仅限本公司及获授权的系统使用 · Proprietary: the company's own and authorised systems only",
                        identifier = "LicenseRef-Proprietary")),
        externalDocs = @ExternalDocumentation(description = "错误类型（RFC 9457 type）说明 · The problem types errors name",
                url = ProblemResponses.TYPE_BASE),
        tags = {
            @Tag(name = "dossiers", description = "卷宗与卷内文件 · Dossiers and their items"),
            @Tag(name = "search", description = "检索 · Search"),
            @Tag(name = "loans", description = "借阅 · Loans"),
            @Tag(name = "retention", description = "保管期限、诉讼保全与销毁 · Retention, holds and disposition"),
            @Tag(name = "audit", description = "审计与报表 · Audit trail and reports"),
            @Tag(name = "imports", description = "批量导入 · Bulk import"),
            @Tag(name = "custody", description = "保管完整性核查 · Custody checks"),
            @Tag(name = "administration", description = "用户与系统管理 · Users and administration")
        })
@SecurityScheme(securitySchemeName = ContractFilter.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "本地用户库的用户名与密码。连续失败会被限制（429，带 Retry-After）。\n\n"
                + "Username and password of the archive's own user store. Repeated failures are throttled (429 with Retry-After).")
public class ArchiveApplication extends Application {
}
