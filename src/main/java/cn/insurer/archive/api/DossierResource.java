package cn.insurer.archive.api;

import cn.insurer.archive.dossier.ItemMetadataPart;
import cn.insurer.archive.problem.JsonBodies;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.api.ItemUploadParts;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.dossier.BusinessEvent;
import cn.insurer.archive.dossier.BusinessEvents;
import cn.insurer.archive.dossier.DossierLookup;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierEvent;
import cn.insurer.archive.dossier.PaperOriginals;
import cn.insurer.archive.dossier.Sealing;
import cn.insurer.archive.search.Searching;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import cn.insurer.archive.dossier.DossierCorrections;
import cn.insurer.archive.dossier.DossierForm;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.PATCH;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.dossier.DossierStatus;
import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.dossier.Filing;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.Reading;
import cn.insurer.archive.extraction.MediaTypeDetector;
import cn.insurer.archive.report.ItemLists;
import cn.insurer.archive.report.ReportFormat;
import cn.insurer.archive.retention.Holds;
import cn.insurer.archive.retention.RetentionSchedule;
import cn.insurer.archive.storage.UploadStaging;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Encoding;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "dossiers")
@Path("/dossiers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DossierResource {

    private static final int MAX_PAGE_SIZE = 200;

    @Inject
    CurrentUser currentUser;

    @Inject
    DossierForm form;

    @Inject
    DossierLookup lookup;

    @Inject
    Filing filing;

    @Inject
    Reading reading;

    @Inject
    Sealing sealing;

    @Inject
    BusinessEvents businessEvents;

    @Inject
    Searching searching;

    @Inject
    DossierRepository dossiers;

    @Inject
    PaperOriginals paperOriginals;

    @Inject
    ItemLists itemLists;

    @Inject
    AccessPolicy access;

    @Inject
    MediaTypeDetector mediaTypes;

    @Inject
    ArchiveSettings settings;

    @Inject
    RetentionSchedule retention;

    @Inject
    Holds holds;

    @Context
    HttpHeaders headers;

    @Inject
    DossierCorrections dossierCorrections;

    public record DossierPage(long total, int page, int size, List<DossierView> dossiers) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "fileDossier", summary = "立卷 · File a dossier",
            description = "新建承保、理赔、财务、人事或文书卷宗，状态为 OPEN；按卷宗类型的 JSON Schema 校验（422）；业务键已存在时 409。"
                    + "财务卷宗（会计凭证、账簿、报告）以册号 volumeNumber（或 businessKey）为业务键，须填会计年度 fiscalYear，险种为“财务”。"
                    + "人事卷宗（一人一卷）以员工编号 employeeNumber 为业务键，险种为“人事”；文书卷宗以案卷号 fileNumber 为业务键，须填年度 fiscalYear，险种为“文书”。"
                    + "人事、文书档案没有法定最短保管期限，不会自动到期，由鉴定决定。需要 CLERK。\n\n"
                    + "Opens an underwriting, claim, finance, personnel or general dossier (status OPEN), checked against the type's "
                    + "JSON Schema (422); an existing business key is a 409. A finance dossier (accounting vouchers, ledgers, reports) "
                    + "is keyed by its volumeNumber (or businessKey), needs its fiscalYear, and files under the product line 财务. "
                    + "A personnel dossier (one per employee) is keyed by its employeeNumber under 人事; a general dossier by its "
                    + "fileNumber with its year in fiscalYear, under 文书. Personnel and general records have no statutory minimum "
                    + "period: they never fall due by themselves and are kept until an appraisal decides. Needs CLERK.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"type", "title", "department", "securityLevel"},
                    properties = {
                        @SchemaProperty(name = "type", enumeration = {"UNDERWRITING", "CLAIM", "FINANCE", "PERSONNEL", "GENERAL"}, description = "承保、理赔、财务、人事或文书 · Underwriting, claim, finance, personnel or general records"),
                        @SchemaProperty(name = "businessKey", type = SchemaType.STRING, description = "业务键；缺省时取保单号或赔案号 · Business key; defaults to the policy or claim number"),
                        @SchemaProperty(name = "productLine", type = SchemaType.STRING, description = "险种（承保、理赔必填；财务为“财务”） · Product line (required for policies and claims; 财务 for finance)"),
                        @SchemaProperty(name = "volumeNumber", type = SchemaType.STRING, description = "册号（财务卷宗） · Volume number (finance)"),
                        @SchemaProperty(name = "employeeNumber", type = SchemaType.STRING, description = "员工编号（人事卷宗） · Employee number (personnel)"),
                        @SchemaProperty(name = "fileNumber", type = SchemaType.STRING, description = "案卷号（文书卷宗） · File number (general records)"),
                        @SchemaProperty(name = "fiscalYear", type = SchemaType.STRING, pattern = "^(19|20)\\d{2}$", description = "会计年度（财务卷宗）或年度（文书卷宗） · Fiscal year (finance) or year (general records)"),
                        @SchemaProperty(name = "title", type = SchemaType.STRING, description = "题名 · Title"),
                        @SchemaProperty(name = "department", type = SchemaType.STRING, description = "归属部门 · Owning department"),
                        @SchemaProperty(name = "securityLevel", enumeration = {"PUBLIC", "INTERNAL", "CONFIDENTIAL", "SECRET"}, description = "密级 · Security level"),
                        @SchemaProperty(name = "policyNumber", type = SchemaType.STRING, description = "保单号 · Policy number"),
                        @SchemaProperty(name = "claimNumber", type = SchemaType.STRING, description = "赔案号 · Claim number"),
                        @SchemaProperty(name = "insured", type = SchemaType.STRING, description = "被保险人 · Insured"),
                        @SchemaProperty(name = "policyStart", type = SchemaType.STRING, format = "date", description = "保险起期 · Policy start"),
                        @SchemaProperty(name = "policyEnd", type = SchemaType.STRING, format = "date", description = "保险止期 · Policy end"),
                        @SchemaProperty(name = "lossDate", type = SchemaType.STRING, format = "date", description = "出险日期 · Loss date"),
                        @SchemaProperty(name = "claimAmount", type = SchemaType.STRING, pattern = "^\\d+(\\.\\d{1,2})?$", description = "索赔金额（两位小数的字符串） · Claim amount, a string with two decimals"),
                        @SchemaProperty(name = "metadata", type = SchemaType.OBJECT, description = "按险种 JSON Schema 校验的业务元数据 · Business metadata, checked against the type's JSON Schema")}),
            examples = @ExampleObject(name = "claim", summary = "车险理赔卷宗 · A motor claim dossier", value = """
                    {"type": "CLAIM", "claimNumber": "CL2025060012", "policyNumber": "PDAA202531010000000123", "productLine": "车险", "title": "张伟 车险 理赔案卷 CL2025060012", "department": "理赔部", "securityLevel": "INTERNAL", "insured": "张伟", "lossDate": "2025-06-18", "claimAmount": "12800.00", "metadata": {"lossCause": "交通事故", "vehiclePlate": "沪A12345"}}""")))
    @APIResponse(responseCode = "201", description = "已立卷 · Filed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierView.class)))
    @APIResponse(responseCode = "409", description = "业务键已存在 · The business key exists")
    @APIResponse(responseCode = "422", description = "元数据或字段违反规则 · Metadata or a field breaks a rule")
    public Response create(String body) {
        User user = currentUser.require(Permission.DOSSIER_CREATE);
        DossierForm.Parsed parsed = form.parse(JsonBodies.parse(body), Messages.choose(headers.getAcceptableLanguages()));
        Dossier dossier = filing.open(currentUser.actor(), user, parsed.facts(), parsed.metadataJson());
        return Response.created(UriBuilder.fromResource(DossierResource.class).path(dossier.id().toString()).build())
                .entity(DossierView.of(dossier, List.of(), null, item -> access.canSeeItem(user, item), lookup.related(user, dossier))).build();
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(operationId = "readDossier", summary = "查看卷宗 · Read a dossier",
            description = "卷宗及其卷内目录、业务事件与保管期限；调用者无权查看的文件只显示为受限行。\n\n"
                    + "The dossier with its item list, business events and retention; items the caller may not see are restricted lines.")
    @APIResponse(responseCode = "200", description = "卷宗 · The dossier")
    public DossierView get(@Parameter(description = "卷宗标识 · The dossier's id (UUID)") @PathParam("id") String id) {
        Dossier dossier = reading.dossier(currentUser.actor(), currentUser.get(), Ids.parse(id));
        return withRetention(dossier);
    }

    public record SimilarView(List<SearchResource.HitView> hits, List<String> sharedTerms) {
    }

    /** Precedent cases: dossiers the caller may read whose text resembles this one, and the words they share. */
    @GET
    @Path("{id}/similar")
    @Transactional
    @Operation(operationId = "similarDossiers", summary = "相似案卷 · Similar dossiers",
            description = "调用者可读的、文本与本卷相似的卷宗及共有词语（先例参考）。\n\n"
                    + "Dossiers the caller may read whose text resembles this one, with the words they share (precedents).")
    @APIResponse(responseCode = "200", description = "相似卷宗 · Similar dossiers")
    public SimilarView similar(@Parameter(description = "卷宗标识 · The dossier's id (UUID)") @PathParam("id") String id,
                              @Parameter(description = "最多几条，1–200，默认 10 · How many, 1 to 200, default 10", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200")) @QueryParam("size") String size) {
        int count;
        try {
            count = size == null || size.isBlank() ? 10 : Integer.parseInt(size.strip());
        } catch (NumberFormatException notANumber) {
            throw ProblemException.badRequest("problem.paging", MAX_PAGE_SIZE);
        }
        if (count < 1 || count > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("problem.paging", MAX_PAGE_SIZE);
        }
        // Searching refuses (and audits) a source dossier the caller may not read.
        Searching.Similar similar = searching.similar(currentUser.actor(), currentUser.get(), Ids.parse(id), count);
        return new SimilarView(similar.hits().stream().map(SearchResource.HitView::of).toList(), similar.sharedTerms());
    }

    public record SealBody(String exceptionReason) {
    }

    /** {@code reason} is needed, and only the archive manager may give one, to move the date of a recorded event. */
    public record EventBody(BusinessEvent event, LocalDate date, String reason) {
    }

    @POST
    @Path("{id}/seal")
    @Transactional
    @Operation(operationId = "sealDossier", summary = "归档封卷 · Seal a dossier",
            description = "检查齐全性后封卷并赋予档号；缺件时 422 并列出 missing；档案管理员可给出 exceptionReason 例外归档。\n\n"
                    + "Checks completeness, seals the dossier and assigns its archival code; 422 with `missing` when incomplete; "
                    + "the archive manager may seal anyway with an exceptionReason.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            properties = @SchemaProperty(name = "exceptionReason", type = SchemaType.STRING, description = "例外归档理由 · Why it is sealed although incomplete"))))
    @APIResponse(responseCode = "200", description = "已封卷，含档号 · Sealed, with its archival code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierView.class)))
    @APIResponse(responseCode = "409", description = "已封卷或在诉讼保全中 · Already sealed, or on hold")
    @APIResponse(responseCode = "422", description = "卷宗不齐全（missing 列出缺少的文件类型） · Incomplete (`missing` lists the document types)")
    public DossierView seal(@Parameter(description = "卷宗标识 · The dossier's id (UUID)") @PathParam("id") String id, String body) {
        User user = currentUser.require(Permission.DOSSIER_SEAL);
        String reason = null;
        if (body != null && !body.isBlank()) {
            JsonNode json = JsonBodies.parse(body);
            reason = json.hasNonNull("exceptionReason") ? json.get("exceptionReason").asText() : null;
        }
        Dossier dossier = sealing.seal(currentUser.actor(), user, Ids.parse(id), reason);
        return withRetention(dossier);
    }

    @POST
    @Path("{id}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "recordBusinessEvent", summary = "登记业务事件 · Record a business event",
            description = "登记启动保管期限的业务事件（如结案、退保）；更改已登记事件的日期需档案管理员并给出 reason。\n\n"
                    + "Records a business event that starts retention clocks (claim closed, policy terminated...); moving the date "
                    + "of a recorded event needs the archive manager and a reason.")
    @APIResponse(responseCode = "201", description = "已登记 · Recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierView.EventView.class)))
    @APIResponse(responseCode = "409", description = "与已登记事件或卷宗状态冲突 · Conflicts with a recorded event or the dossier's state")
    @APIResponse(responseCode = "422", description = "事件或日期违反规则 · The event or date breaks a rule")
    public Response event(@Parameter(description = "卷宗标识 · The dossier's id (UUID)") @PathParam("id") String id, EventBody body) {
        User user = currentUser.require(Permission.DOSSIER_EVENT);
        EventBody asked = body == null ? new EventBody(null, null, null) : body;
        DossierEvent recorded = businessEvents.record(currentUser.actor(), user, Ids.parse(id), asked.event(), asked.date(),
                asked.reason());
        return Response.status(Response.Status.CREATED).entity(DossierView.EventView.of(recorded)).build();
    }

    /** 卷内目录 as a printable PDF (the default) or XLSX. */
    @GET
    @Path("{id}/item-list")
    @Produces({"application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv",
            "application/problem+json", MediaType.APPLICATION_JSON})
    @Operation(operationId = "itemList", summary = "卷内目录 · Item list",
            description = "卷内目录，可打印的 PDF（默认）、XLSX 或 CSV。\n\nThe item list as a printable PDF (the default), XLSX or CSV.")
    @APIResponse(responseCode = "200", description = "卷内目录文件 · The item list", content = {
        @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "503", description = "缺少中文字体，无法生成 PDF；或数据库暂不可用 · No Chinese font to render the PDF, or the database is down")
    public Response itemList(@Parameter(description = "卷宗标识 · The dossier's id (UUID)") @PathParam("id") String id,
                             @Parameter(description = "pdf（默认）、xlsx 或 csv · pdf (the default), xlsx or csv", schema = @Schema(enumeration = {"pdf", "xlsx", "csv"})) @QueryParam("format") String format) {
        ReportFormat listFormat;
        try {
            listFormat = format == null || format.isBlank() ? ReportFormat.PDF : ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badFields(List.of(new FieldError("format", "validation.enum", "[pdf, xlsx, csv]")));
        }
        if (!itemLists.canRender(listFormat)) {
            throw ProblemException.unavailable("problem.report.font.missing");
        }
        UUID dossierId = Ids.parse(id);
        byte[] document = itemLists.render(currentUser.actor(), currentUser.get(), dossierId, listFormat);
        return Response.ok(document, listFormat.mediaType())
                .header("Content-Disposition", "attachment; filename=\"item-list-" + dossierId + "." + listFormat.extension() + "\"")
                .build();
    }

    /** Where the paper original is kept; each part is required, since a fetch needs all three. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "correctDossier", summary = "更正案卷著录 · Correct a dossier's description",
            description = "更正案卷题名、被保险人、保险起止期、出险日期或索赔金额，须写明原因（reason）；未给出的项不变。"
                    + "更正后的案卷按其类型的规则整体校验。归档前由档案员或档案主管更正，归档后仅档案主管。"
                    + "审计记录原值与新值。其他字段（类型、业务号、保单号、赔案号、部门、密级）不能更正，422；冻结中 409。\n\n"
                    + "Corrects the title, insured, policy start and end, loss date or claim amount, with a reason; fields "
                    + "left out stay. The corrected dossier is checked whole against its type's rules. Clerks and the "
                    + "archive manager correct an open dossier, only the archive manager a sealed one. The audit keeps "
                    + "old and new values. Other fields (type, business key, numbers, department, level) are fixed (422); "
                    + "a held dossier answers 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = {"reason"}, properties = {
                @SchemaProperty(name = "title", type = SchemaType.STRING, description = "案卷题名 · Title"),
                @SchemaProperty(name = "insured", type = SchemaType.STRING, description = "被保险人 · Insured"),
                @SchemaProperty(name = "policyStart", type = SchemaType.STRING, format = "date", description = "保险起期 · Policy start"),
                @SchemaProperty(name = "policyEnd", type = SchemaType.STRING, format = "date", description = "保险止期 · Policy end"),
                @SchemaProperty(name = "lossDate", type = SchemaType.STRING, format = "date", description = "出险日期 · Loss date"),
                @SchemaProperty(name = "claimAmount", type = SchemaType.STRING, description = "索赔金额 · Claim amount"),
                @SchemaProperty(name = "reason", type = SchemaType.STRING, description = "更正原因 · Why")}),
            examples = @ExampleObject(name = "correct", value = """
                    {"insured": "王芳", "reason": "被保险人姓名录入错误，依保单更正"}""")))
    @APIResponse(responseCode = "200", description = "卷宗 · The dossier",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierView.class)))
    @APIResponse(responseCode = "409", description = "冻结中 · Under a legal hold")
    @APIResponse(responseCode = "422", description = "缺少原因、字段不可更正或违反规则 · No reason, a fixed field, or a broken rule")
    public DossierView correct(@Parameter(description = "卷宗标识 · The dossier's id (UUID)") @PathParam("id") String id, String body) {
        User user = currentUser.require(Permission.DOSSIER_CORRECT);
        JsonNode json = JsonBodies.parse(body);
        if (!json.isObject()) {
            throw ProblemException.badRequest("problem.body.object.required");
        }
        ObjectNode corrections = ((ObjectNode) json).deepCopy();
        JsonNode reason = corrections.remove("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            throw ProblemException.invalid(List.of(new FieldError("reason", "validation.text")));
        }
        return withRetention(dossierCorrections.correct(currentUser.actor(), user, Ids.parse(id), corrections,
                reason == null || reason.isNull() ? null : reason.asText(), Messages.choose(headers.getAcceptableLanguages())));
    }

    @PUT
    @Path("{id}/location")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "locatePaperOriginal", summary = "登记纸质原件位置 · Record where the paper original is",
            description = "库房、架、盒三项均必填。\n\nRoom, shelf and box, each required.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = {"room", "shelf", "box"}, properties = {
                @SchemaProperty(name = "room", type = SchemaType.STRING, description = "库房 · Room"),
                @SchemaProperty(name = "shelf", type = SchemaType.STRING, description = "架 · Shelf"),
                @SchemaProperty(name = "box", type = SchemaType.STRING, description = "盒 · Box")})))
    @APIResponse(responseCode = "200", description = "卷宗 · The dossier")
    @APIResponse(responseCode = "422", description = "缺少位置项 · A part is missing")
    public DossierView locate(@Parameter(description = "卷宗标识 · The dossier's id (UUID)") @PathParam("id") String id, String body) {
        User user = currentUser.require(Permission.DOSSIER_LOCATION);
        JsonNode json = JsonBodies.parse(body);
        if (!json.isObject()) {
            throw ProblemException.badRequest("problem.body.object.required");
        }
        Dossier dossier = paperOriginals.locate(currentUser.actor(), user, Ids.parse(id), locationPart(json, "room"),
                locationPart(json, "shelf"), locationPart(json, "box"));
        return DossierView.of(dossier, sealing.events(dossier.id()), null, item -> access.canSeeItem(user, item),
                lookup.related(user, dossier));
    }

    /** A part given as an object or array is no label; it counts as missing. */
    private static String locationPart(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    @GET
    @Transactional
    @Operation(operationId = "listDossiers", summary = "卷宗列表 · List dossiers",
            description = "调用者可见范围内的卷宗，分页；insured 列出同一被保险人的承保与理赔案卷。\n\n"
                    + "The dossiers within the caller's reach, paged; insured lists one insured's policies and claims.")
    @APIResponse(responseCode = "200", description = "一页卷宗 · A page of dossiers")
    public DossierPage list(@Parameter(description = "业务键（保单号或赔案号） · Business key (policy or claim number)") @QueryParam("businessKey") String businessKey,
                            @Parameter(description = "卷宗类型 · Dossier type", schema = @Schema(enumeration = {"UNDERWRITING", "CLAIM", "FINANCE", "PERSONNEL", "GENERAL"})) @QueryParam("type") String type,
                            @Parameter(description = "卷宗状态 · Dossier status", schema = @Schema(enumeration = {"OPEN", "SEALED"})) @QueryParam("status") String status,
                            @Parameter(description = "被保险人（全名） · Insured, by full name") @QueryParam("insured") String insured,
                            @Parameter(description = "页码，从 0 开始 · Page number, from 0") @QueryParam("page") Integer page,
                            @Parameter(description = "每页条数，1–200，默认 20 · Page size, 1 to 200, default 20") @QueryParam("size") Integer size) {
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? 20 : size;
        if (pageNumber < 0 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("problem.paging", MAX_PAGE_SIZE);
        }
        DossierRepository.Page result = dossiers.list(new DossierRepository.DossierQuery(blankToNull(businessKey),
                        Ids.enumValue(DossierType.class, "type", type), Ids.enumValue(DossierStatus.class, "status", status),
                        blankToNull(insured == null ? null : insured.trim()), pageNumber, pageSize),
                access.scopeOf(currentUser.get()));
        return new DossierPage(result.total(), pageNumber, pageSize,
                result.dossiers().stream().map(DossierView::summary).toList());
    }

    @POST
    @Path("{id}/items")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "uploadItem", summary = "上传卷内文件 · Upload an item",
            description = "multipart/form-data：file 为文件，metadata 为 JSON。已封卷 409；超出大小 413；同一卷宗内相同内容再次上传 409 并指出已有文件。\n\n"
                    + "multipart/form-data: part `file` holds the bytes, part `metadata` the JSON. 409 when sealed; 413 over the size "
                    + "limit; identical bytes twice in one dossier are a 409 naming the existing item.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"file", "metadata"}, properties = {
                @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary", description = "文件内容 · The file"),
                @SchemaProperty(name = "metadata", implementation = ItemMetadataPart.class, description = "文件的著录信息 · The item's description")}),
            encoding = @Encoding(name = "metadata", contentType = MediaType.APPLICATION_JSON),
            examples = @ExampleObject(name = "metadata", summary = "metadata 部分 · The metadata part", value = """
                    {"metadata": {"title": "机动车事故责任认定书", "documentType": "ACCIDENT_REPORT", "documentDate": "2025-06-19", "securityLevel": "INTERNAL"}}""")))
    @APIResponse(responseCode = "201", description = "已上传 · Filed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "409", description = "已封卷，或相同内容已在卷内 · Sealed, or the same bytes are already filed")
    @APIResponse(responseCode = "413", description = "超出大小限制 · Over the size limit")
    @APIResponse(responseCode = "422", description = "元数据违反规则 · The metadata breaks a rule")
    @APIResponse(responseCode = "503", description = "对象存储或数据库暂不可用，或接收上传的磁盘已满；未归档任何内容，稍后重试 · The object store or the database is down, or the disk uploads are received on is full; nothing was filed, try again later")
    public Response upload(@Parameter(description = "卷宗标识 · The dossier's id (UUID)") @PathParam("id") String id, @Context HttpServletRequest request) {
        return fileFrom(request, currentUser.require(Permission.ITEM_UPLOAD), Ids.parse(id), false);
    }

    /**
     * Checks before any bytes move, streams the parts to disk, and files the item: into an open
     * dossier, or as a supplement (its reason in the metadata) into a sealed one.
     */
    private Response fileFrom(HttpServletRequest request, User user, UUID dossierId, boolean supplement) {
        filing.checkCanFile(currentUser.actor(), user, dossierId, null, supplement);
        UploadStaging staging = new UploadStaging(settings.tempDir());
        try (ItemUploadParts parts = ItemUploadParts.read(request, staging, settings.uploadMaxBytes())) {
            ItemMetadataPart metadata = ItemMetadataPart.parse(parts.metadataJson(), parts.fileName());
            String mediaType = mediaTypes.detect(parts.file().path(), parts.fileName());
            String reason = supplement ? (metadata.reason() == null ? "" : metadata.reason()) : null;
            Item item = filing.file(currentUser.actor(), user, dossierId, new Filing.NewItemRequest(metadata.title(),
                    metadata.documentType(), metadata.documentDate(), parts.fileName(), mediaType,
                    metadata.securityLevel(), metadata.personalData(), reason), parts.file());
            return Response.created(UriBuilder.fromResource(ItemResource.class).path(item.id().toString()).build())
                    .entity(ItemView.of(item)).build();
        }
    }

    @POST
    @Path("{id}/supplements")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "supplementDossier", summary = "补充归档 · File a supplement into a sealed dossier",
            description = "档案主管将归档后形成的文件（批单、迟到的支付凭证、诉讼材料）补入已归档案卷，须在 metadata.reason 写明原因。"
                    + "件号接续最后一件，档号不变，卷内目录备注标明补充归档；记入审计。未归档的案卷直接上传，409；冻结中 409。\n\n"
                    + "The archive manager files a document that came after sealing (an endorsement, a late payment voucher, "
                    + "lawsuit papers) into the sealed dossier, with the reason in metadata.reason. It is numbered after the "
                    + "last item under the same archival code and marked as a supplement in the item list; audited. An open "
                    + "dossier takes ordinary uploads (409), and a held one nothing (409).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"file", "metadata"}, properties = {
                @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary", description = "文件内容 · The file"),
                @SchemaProperty(name = "metadata", implementation = ItemMetadataPart.class, description = "文件的著录信息与补充原因 · The item's description and the reason")}),
            encoding = @Encoding(name = "metadata", contentType = MediaType.APPLICATION_JSON),
            examples = @ExampleObject(name = "metadata", summary = "metadata 部分 · The metadata part", value = """
                    {"metadata": {"title": "批单（变更受益人）", "documentType": "ENDORSEMENT", "documentDate": "2026-03-02", "reason": "归档后形成的批改文件"}}""")))
    @APIResponse(responseCode = "201", description = "已补充归档 · Filed as a supplement",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "409", description = "案卷未归档或冻结中，或相同内容已在卷内 · Not sealed, held, or the same bytes already filed")
    @APIResponse(responseCode = "413", description = "超出大小限制 · Over the size limit")
    @APIResponse(responseCode = "422", description = "缺少原因或元数据违反规则 · No reason, or the metadata breaks a rule")
    public Response supplement(@Parameter(description = "卷宗标识 · The dossier's id (UUID)") @PathParam("id") String id,
                               @Context HttpServletRequest request) {
        return fileFrom(request, currentUser.require(Permission.DOSSIER_SUPPLEMENT), Ids.parse(id), true);
    }

    private DossierView withRetention(Dossier dossier) {
        User user = currentUser.get();
        return DossierView.of(dossier, sealing.events(dossier.id()),
                RetentionView.of(retention.decide(dossier), holds.activeOn(dossier.id()), user.may(Permission.HOLD_READ)),
                item -> access.canSeeItem(user, item), lookup.related(user, dossier));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
