package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.retention.Holds;
import cn.insurer.archive.retention.LegalHold;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 冻结: legal holds by case reference; placing and releasing is the archive manager's. */
@Tag(name = "retention")
@Path("/holds")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HoldResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    Holds holds;

    /** A saved search as scope: query text with optional dossier type and product line filters. */
    public record SearchBody(String q, List<String> types, List<String> productLines) {
    }

    /** The dossiers by id or by any number people know them by: 档号, 业务号, 保单号, 赔案号. */
    public record HoldBody(String reason, String caseReference,
                           @Schema(description = "案卷标识或档号、业务号、保单号、赔案号 · Dossier ids, or archival codes, business numbers, policy or claim numbers")
                           List<String> dossierIds, SearchBody search) {
    }

    public record ReleaseBody(String comment) {
    }

    public record HoldView(UUID id, String caseReference, String reason, String status, List<UUID> dossierIds, String search,
                           String placedBy, Instant placedAt, String releasedBy, Instant releasedAt, String releaseComment) {

        static HoldView of(LegalHold hold) {
            return new HoldView(hold.id(), hold.caseReference(), hold.reason(), hold.status().name(),
                    hold.dossierIds().stream().sorted().toList(), hold.scopeQuery(), hold.placedBy(), hold.placedAt(), hold.releasedBy(),
                    hold.releasedAt(), hold.releaseComment());
        }
    }

    public record HoldList(int count, List<HoldView> holds) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "placeLegalHold", summary = "设置诉讼保全 · Place a legal hold",
            description = "冻结所列卷宗（或检索条件命中的卷宗）的销毁。卷宗可用标识、档号、业务号、保单号或赔案号指明；一个编号对应多个卷宗时返回 422 并列出可选的档号或业务号。需要 ARCHIVE_MANAGER。\n\n"
                    + "Stops the disposition of the listed dossiers (or those a search finds). A dossier may be named by its id, archival code, "
                    + "business number, policy number or claim number; a number naming several dossiers is refused (422) with the choices listed. Needs ARCHIVE_MANAGER.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldBody.class),
            examples = @ExampleObject(name = "hold", value = """
                    {"reason": "诉讼保全", "caseReference": "(2025)沪0115民初12345号", "dossierIds": ["3f2b8c1e-5d4a-4c6b-9a0e-2f1d7c8b9a10"]}""")))
    @APIResponse(responseCode = "201", description = "已设置 · Placed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldView.class)))
    @APIResponse(responseCode = "404", description = "卷宗不存在 · Unknown dossier")
    @APIResponse(responseCode = "422", description = "字段违反规则，或编号对应多个卷宗 · A field breaks a rule, or a number names several dossiers")
    public Response place(HoldBody body) {
        User user = currentUser.require(Permission.HOLD_PLACE);
        if (body == null) {
            throw ProblemException.invalid(List.of(new FieldError("caseReference", "validation.required")));
        }
        Holds.SearchScope search = body.search() == null ? null : new Holds.SearchScope(body.search().q(),
                body.search().types() == null ? Set.of() : Set.copyOf(body.search().types()),
                body.search().productLines() == null ? Set.of() : Set.copyOf(body.search().productLines()));
        LegalHold hold = holds.place(currentUser.actor(), user, body.caseReference(), body.reason(), body.dossierIds(), search);
        return Response.created(UriBuilder.fromResource(HoldResource.class).path(hold.id().toString()).build())
                .entity(HoldView.of(hold)).build();
    }

    @POST
    @Path("{id}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "releaseLegalHold", summary = "解除诉讼保全 · Release a legal hold",
            description = "解除保全并说明理由。\n\n" + "Releases the hold, with a comment.")
    @APIResponse(responseCode = "200", description = "保全 · The hold")
    @APIResponse(responseCode = "409", description = "已解除 · Already released")
    @APIResponse(responseCode = "422", description = "字段违反规则 · A field breaks a rule")
    public HoldView release(@Parameter(description = "保全标识 · The hold's id (UUID)") @PathParam("id") String id, ReleaseBody body) {
        currentUser.require(Permission.HOLD_RELEASE);
        return HoldView.of(holds.release(currentUser.actor(), Ids.parse(id), body == null ? null : body.comment()));
    }

    @GET
    @Transactional
    @Operation(operationId = "listLegalHolds", summary = "诉讼保全列表 · List legal holds",
            description = "全部或某一状态的保全。\n\n" + "Every hold, or those in one status.")
    @APIResponse(responseCode = "200", description = "保全 · The holds")
    public HoldList list(@Parameter(description = "保全状态 · Hold status", schema = @Schema(enumeration = {"ACTIVE", "RELEASED"})) @QueryParam("status") String status) {
        currentUser.require(Permission.HOLD_LIST);
        List<HoldView> views = holds.list(Ids.enumValue(LegalHold.Status.class, "status", status)).stream().map(HoldView::of).toList();
        return new HoldList(views.size(), views);
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(operationId = "readLegalHold", summary = "查看诉讼保全 · Read a legal hold",
            description = "保全及其卷宗。\n\n" + "The hold with its dossiers.")
    @APIResponse(responseCode = "200", description = "保全 · The hold")
    public HoldView get(@Parameter(description = "保全标识 · The hold's id (UUID)") @PathParam("id") String id) {
        currentUser.require(Permission.HOLD_READ);
        return HoldView.of(holds.find(Ids.parse(id)));
    }
}
