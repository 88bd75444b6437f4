package cn.insurer.archive.api;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.loan.LoanCopies;
import cn.insurer.archive.access.User;
import cn.insurer.archive.dossier.Filing;
import cn.insurer.archive.dossier.Item;
import cn.insurer.archive.dossier.ItemCorrections;
import cn.insurer.archive.dossier.ItemWithdrawals;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.JsonBodies;
import cn.insurer.archive.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import cn.insurer.archive.dossier.Reading;
import cn.insurer.archive.dossier.Recordings;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "dossiers")
@Path("/items")
@RequestScoped
public class ItemResource {

    @Inject
    Recordings recordings;

    /** The application's clock, for the time the recording's notice shows. */
    @Inject
    java.time.Clock clock;

    @Inject
    CurrentUser currentUser;

    @Inject
    Reading reading;

    @Inject
    ObjectStore objectStore;

    @Inject
    Filing filing;

    @Inject
    ItemCorrections corrections;

    @Inject
    ItemWithdrawals withdrawals;

    @Inject
    LoanCopies copies;

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "readItem", summary = "查看卷内文件 · Read an item",
            description = "文件的著录信息（不含内容）。\n\n" + "The item's description, without its content.")
    @APIResponse(responseCode = "200", description = "文件 · The item")
    public ItemView get(@Parameter(description = "卷内文件标识 · The item's id (UUID)") @PathParam("id") String id) {
        return ItemView.of(reading.item(currentUser.actor(), currentUser.get(), Ids.parse(id)));
    }

    @GET
    @Path("{id}/content")
    @Operation(operationId = "downloadContent", summary = "下载文件内容 · Download an item's content",
            description = "原始字节（ETag 为 sha256）；借阅人得到加水印的 PDF 副本（办公文档为文字转写件）；录音录像按 Range 播放（206），"
                    + "X-Archive-Notice 为播放时显示的提示。记入审计。\n\n"
                    + "The original bytes (ETag is the sha256); a borrower gets the watermarked PDF copy (office documents as their text); "
                    + "recordings play by Range (206) with X-Archive-Notice, the notice shown over them. Audited.")
    @APIResponse(responseCode = "200", description = "文件内容 · The content",
            content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "录音录像的一段 · Part of a recording",
            content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "内容未变（If-None-Match） · Unchanged (If-None-Match)")
    @APIResponse(responseCode = "416", description = "范围超出录音录像长度 · The range lies past the end of the recording")
    @APIResponse(responseCode = "503", description = "对象存储或数据库暂不可用，稍后重试 · The object store or the database is down; try again later")
    public Response content(@Parameter(description = "卷内文件标识 · The item's id (UUID)") @PathParam("id") String id, @Parameter(description = "已有内容的 ETag · ETag of a copy already held") @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                            @Parameter(description = "录音录像按字节范围播放 · A byte range, for playing a recording") @HeaderParam("Range") String range) {
        Reading.ContentRead read = reading.contentRead(currentUser.actor(), currentUser.get(), Ids.parse(id));
        if (Recordings.playable(read.item().mediaType()) && (read.loan().isPresent() || range != null)) {
            // Played, never copied: under a loan always; by right when the player asks for a range.
            Recordings.Playback playback = recordings.playback(read.item(), read.loan(), currentUser.get().username(), range, clock.instant());
            Response.ResponseBuilder response = Response.status(playback.status()).entity((StreamingOutput) playback::writeTo)
                    .type(playback.mediaType());
            playback.headers().forEach(response::header);
            return response.build();
        }
        if (read.loan().isPresent()) {
            return copyUnderLoan(read);
        }
        Item item = read.item();
        EntityTag etag = new EntityTag(item.sha256());
        if (ifNoneMatch != null && (ifNoneMatch.contains(item.sha256()) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified(etag).build();
        }
        StreamingOutput body = out -> {
            try (InputStream in = objectStore.open(item.contentHash())) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, item.mediaType())
                .tag(etag)
                .header(HttpHeaders.CONTENT_LENGTH, item.size())
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(item.fileName(), StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** Under a loan the borrower gets a watermarked copy, as {@link LoanCopies} makes and describes it. */
    private Response copyUnderLoan(Reading.ContentRead read) {
        LoanCopies.LoanCopy copy = copies.copy(read.item(), read.loan().orElseThrow(), currentUser.get().username());
        StreamingOutput body = copy::writeTo;
        Response.ResponseBuilder response = Response.ok(body, copy.mediaType());
        try {
            response.header(HttpHeaders.CONTENT_LENGTH, copy.length());
        } catch (java.io.IOException e) {
            // The length is a courtesy: the copy is sent without it.
        }
        copy.headers().forEach(response::header);
        return response.build();
    }

    @POST
    @Path("{id}/extraction/retry")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "retryTextExtraction", summary = "重新抽取文本 · Retry text extraction",
            description = "对抽取失败的文件重新排队抽取。\n\n" + "Queues the item's text extraction again.")
    @APIResponse(responseCode = "200", description = "文件 · The item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "409", description = "文件状态不允许重试 · The item's state allows no retry")
    public ItemView retryExtraction(@Parameter(description = "卷内文件标识 · The item's id (UUID)") @PathParam("id") String id) {
        User user = currentUser.require(Permission.ITEM_EXTRACTION_RETRY);
        return ItemView.of(filing.retryExtraction(currentUser.actor(), user, Ids.parse(id)));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "correctItem", summary = "修改文件信息 · Correct a document's details",
            description = "归档前更正题名、文件类型、文件日期或个人信息标记；未给出的项不变。记入审计（含原值）。"
                    + "已归档 409。\n\n"
                    + "Before sealing, corrects the title, document type, date or personal-data mark; fields left out "
                    + "stay as they are. Audited with the values replaced. 409 once the dossier is sealed.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            properties = {
                @SchemaProperty(name = "title", type = SchemaType.STRING, description = "题名 · Title"),
                @SchemaProperty(name = "documentType", type = SchemaType.STRING, description = "文件类型 · Document type"),
                @SchemaProperty(name = "documentDate", type = SchemaType.STRING, format = "date", description = "文件日期 · Document date"),
                @SchemaProperty(name = "personalData", type = SchemaType.BOOLEAN, description = "含个人信息 · Holds personal data"),
                @SchemaProperty(name = "reason", type = SchemaType.STRING, description = "更正原因 · Why")})))
    @APIResponse(responseCode = "200", description = "文件 · The item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "409", description = "案卷已归档 · The dossier is sealed")
    @APIResponse(responseCode = "422", description = "字段违反规则 · A field breaks a rule")
    public ItemView correct(@Parameter(description = "卷内文件标识 · The item's id (UUID)") @PathParam("id") String id, String body) {
        User user = currentUser.require(Permission.ITEM_CORRECT);
        JsonNode json = JsonBodies.parse(body);
        if (!json.isObject()) {
            throw ProblemException.badRequest("problem.body.object.required");
        }
        List<FieldError> errors = new ArrayList<>();
        String title = text(json, "title", errors);
        String documentType = text(json, "documentType", errors);
        String reason = text(json, "reason", errors);
        LocalDate documentDate = null;
        String date = text(json, "documentDate", errors);
        if (date != null) {
            try {
                documentDate = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("documentDate", "validation.date"));
            }
        }
        Boolean personalData = null;
        JsonNode personal = json.get("personalData");
        if (personal != null && !personal.isNull()) {
            if (!personal.isBoolean()) {
                errors.add(new FieldError("personalData", "validation.boolean"));
            } else {
                personalData = personal.asBoolean();
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badFields(errors);
        }
        return ItemView.of(corrections.correct(currentUser.actor(), user, Ids.parse(id),
                new ItemCorrections.Correction(title, documentType, documentDate, personalData, reason)));
    }

    @POST
    @Path("{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "withdrawItem", summary = "撤回文件 · Withdraw an item",
            description = "归档前将误归的文件撤出案卷，须写明原因。文件行保留并标为已撤回，原文件保存至案卷处置；"
                    + "不再计入完整性检查和检索，同一文件可重新上传。记入审计。已归档或已撤回 409。\n\n"
                    + "Before sealing, takes a mis-filed item out of the dossier, with a reason. Its line stays, marked "
                    + "withdrawn, and its bytes are kept until the dossier's disposition; it no longer counts for "
                    + "completeness or search, and the same file may be filed again. Audited. 409 once sealed or "
                    + "already withdrawn.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = {"reason"},
            properties = @SchemaProperty(name = "reason", type = SchemaType.STRING, description = "撤回原因 · Why")),
            examples = @ExampleObject(name = "withdraw", value = """
                    {"reason": "误归入本案卷，应归入另一赔案"}""")))
    @APIResponse(responseCode = "200", description = "文件 · The item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ItemView.class)))
    @APIResponse(responseCode = "409", description = "案卷已归档或文件已撤回 · The dossier is sealed or the item withdrawn")
    @APIResponse(responseCode = "422", description = "缺少原因 · No reason given")
    public ItemView withdraw(@Parameter(description = "卷内文件标识 · The item's id (UUID)") @PathParam("id") String id, String body) {
        User user = currentUser.require(Permission.ITEM_WITHDRAW);
        JsonNode json = JsonBodies.parse(body);
        if (!json.isObject()) {
            throw ProblemException.badRequest("problem.body.object.required");
        }
        List<FieldError> errors = new ArrayList<>();
        String reason = text(json, "reason", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return ItemView.of(withdrawals.withdraw(currentUser.actor(), user, Ids.parse(id), reason));
    }

    /** A text member, null when absent; anything but a string is refused for that field. */
    private static String text(JsonNode json, String field, List<FieldError> errors) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "validation.text"));
            return null;
        }
        return value.asText();
    }

    @GET
    @Path("{id}/text")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    @Operation(operationId = "readExtractedText", summary = "读取抽取文本 · Read the extracted text",
            description = "文件抽取出的文本。记入审计。\n\n" + "The item's extracted text. Audited.")
    @APIResponse(responseCode = "200", description = "文本 · The text",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "尚无文本：抽取未完成、失败或不支持该格式 · "
            + "No text: extraction pending, failed or not supported for the format")
    public String text(@Parameter(description = "卷内文件标识 · The item's id (UUID)") @PathParam("id") String id) {
        return reading.textRead(currentUser.actor(), currentUser.get(), Ids.parse(id));
    }
}
