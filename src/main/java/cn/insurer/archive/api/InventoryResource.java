package cn.insurer.archive.api;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.custody.Inventory;
import cn.insurer.archive.custody.PaperInventories;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 盘点: inventories of the paper in the 库房, scanned label by label. */
@Tag(name = "custody")
@Path("/inventories")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    private static final int MAX_PAGE_SIZE = 500;

    @Inject
    CurrentUser currentUser;

    @Inject
    PaperInventories inventories;

    public record StartBody(String room) {
    }

    public record ScanBody(String code) {
    }

    /** Counts over the lines the caller may read. */
    public record InventoryView(UUID id, String number, String room, Inventory.Status status, Instant startedAt, String startedBy,
                                Instant closedAt, String closedBy, long expected, long found, long onLoan, long missing, long pending) {

        static InventoryView of(PaperInventories.Summary summary) {
            Inventory inventory = summary.inventory();
            return new InventoryView(inventory.id(), inventory.number(), inventory.room(), inventory.status(), inventory.startedAt(),
                    inventory.startedBy(), inventory.closedAt(), inventory.closedBy(), summary.expected(), summary.found(),
                    summary.onLoan(), summary.missing(), summary.pending());
        }
    }

    public record ScanView(int checkedOff, int alreadyFound, InventoryView inventory) {
    }

    public record LineView(UUID dossierId, String archivalCode, String room, String shelf, String box, String state, String onLoan,
                           Instant foundAt, String foundBy) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startInventory", summary = "开始盘点 · Start an inventory",
            description = "列出库房（或一个库房 room）应有的全部已归档纸质案卷，按盒排列；同一库房同时只能有一次进行中的盘点（409）。档案员与档案管理员可用。\n\n"
                    + "Lists what the store (or one room) should hold: every sealed dossier with a recorded place, box by box. One open "
                    + "inventory per room at a time (409). For clerks and the archive manager.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StartBody.class),
            examples = @ExampleObject(name = "room", value = """
                    {"room": "一号库房"}""")))
    @APIResponse(responseCode = "201", description = "盘点 · The inventory", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InventoryView.class)))
    @APIResponse(responseCode = "409", description = "该库房已有进行中的盘点 · An inventory of that room is open")
    @APIResponse(responseCode = "422", description = "该库房没有登记位置的已归档案卷 · Nothing sealed is recorded in that room")
    public Response start(StartBody body) {
        User user = currentUser.require(Permission.INVENTORY_TAKE);
        InventoryView view = InventoryView.of(inventories.start(currentUser.actor(), user, body == null ? null : body.room()));
        return Response.created(UriBuilder.fromResource(InventoryResource.class).path(view.id().toString()).build()).entity(view).build();
    }

    @GET
    @Operation(operationId = "listInventories", summary = "盘点列表 · Inventories",
            description = "最近的盘点，最新在前；数字只计调用者可查阅的案卷。\n\nThe latest inventories, newest first; counts cover only dossiers the caller may read.")
    @APIResponse(responseCode = "200", description = "盘点 · The inventories")
    public List<InventoryView> list() {
        User user = currentUser.require(Permission.INVENTORY_READ);
        return inventories.list(user, 50).stream().map(InventoryView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "readInventory", summary = "查看盘点 · Read an inventory",
            description = "应有、已清点、借出在外、缺失与未清点的数量，只计调用者可查阅的案卷。\n\n"
                    + "How many were expected, found, out on loan, missing and still pending, over the dossiers the caller may read.")
    @APIResponse(responseCode = "200", description = "盘点 · The inventory")
    @APIResponse(responseCode = "404", description = "盘点不存在 · Unknown inventory")
    public InventoryView get(@Parameter(description = "盘点标识 · The inventory's id (UUID)") @PathParam("id") String id) {
        User user = currentUser.require(Permission.INVENTORY_READ);
        return InventoryView.of(inventories.find(user, Ids.parse(id))
                .orElseThrow(() -> ProblemException.notFound("problem.inventory.unknown", id)));
    }

    @POST
    @Path("{id}/scans")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "scanInventory", summary = "盘点扫码 · Scan a label",
            description = "扫描卷皮标签（档号）清点一卷，扫描盒标签（室 / 架 / 盒）清点整盒；不在本次盘点清单中的编号 422；盘点已结束 409。\n\n"
                    + "A cover label's 档号 checks one dossier off, a box label's place (室 / 架 / 盒) the whole box; a code not on this "
                    + "inventory's list is 422; a closed inventory 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScanBody.class),
            examples = @ExampleObject(name = "cover", value = """
                    {"code": "F01-CL·2025-D10-CL-0001"}""")))
    @APIResponse(responseCode = "200", description = "清点结果 · What was checked off", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScanView.class)))
    @APIResponse(responseCode = "409", description = "盘点已结束 · The inventory is closed")
    @APIResponse(responseCode = "422", description = "编号不在清单中 · The code is not on the list")
    public ScanView scan(@Parameter(description = "盘点标识 · The inventory's id (UUID)") @PathParam("id") String id, ScanBody body) {
        User user = currentUser.require(Permission.INVENTORY_TAKE);
        PaperInventories.Scan scan = inventories.scan(currentUser.actor(), user, Ids.parse(id), body == null ? null : body.code());
        return new ScanView(scan.checkedOff(), scan.alreadyFound(), InventoryView.of(scan.summary()));
    }

    @POST
    @Path("{id}/close")
    @Operation(operationId = "closeInventory", summary = "结束盘点 · Close an inventory",
            description = "未清点且不在借出中的案卷记为缺失（审计 INVENTORY_CLOSED 列出档号）；已结束 409。\n\n"
                    + "What was neither found nor out with a borrower is recorded missing (INVENTORY_CLOSED lists the codes); a closed "
                    + "inventory is 409.")
    @APIResponse(responseCode = "200", description = "盘点 · The inventory", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InventoryView.class)))
    @APIResponse(responseCode = "409", description = "盘点已结束 · Already closed")
    public InventoryView close(@Parameter(description = "盘点标识 · The inventory's id (UUID)") @PathParam("id") String id) {
        User user = currentUser.require(Permission.INVENTORY_TAKE);
        return InventoryView.of(inventories.close(currentUser.actor(), user, Ids.parse(id)));
    }

    @GET
    @Path("{id}/lines")
    @Operation(operationId = "inventoryLines", summary = "盘点清单 · Inventory lines",
            description = "按库房、架、盒排列的清单，只列调用者可查阅的案卷；state 为 PENDING、FOUND、ON_LOAN 或 MISSING。\n\n"
                    + "The list box by box, only dossiers the caller may read; state is PENDING, FOUND, ON_LOAN or MISSING.")
    @APIResponse(responseCode = "200", description = "清单 · The lines")
    public List<LineView> lines(@Parameter(description = "盘点标识 · The inventory's id (UUID)") @PathParam("id") String id,
                                @Parameter(description = "状态 · State", schema = @Schema(enumeration = {"PENDING", "FOUND", "ON_LOAN", "MISSING"})) @QueryParam("state") String state,
                                @Parameter(description = "页码，从 0 开始 · Page number, from 0") @QueryParam("page") Integer page,
                                @Parameter(description = "每页条数，1–500，默认 100 · Page size, 1 to 500, default 100") @QueryParam("size") Integer size) {
        User user = currentUser.require(Permission.INVENTORY_READ);
        UUID inventory = Ids.parse(id);
        if (inventories.find(user, inventory).isEmpty()) {
            throw ProblemException.notFound("problem.inventory.unknown", id);
        }
        PaperInventories.LineState narrowed = null;
        if (state != null && !state.isBlank()) {
            try {
                narrowed = PaperInventories.LineState.valueOf(state);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badFields(List.of(new FieldError("state", "validation.enum", "[PENDING, FOUND, ON_LOAN, MISSING]")));
            }
        }
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? 100 : size;
        if (pageNumber < 0 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("problem.paging", MAX_PAGE_SIZE);
        }
        return inventories.lines(user, inventory, narrowed, pageNumber, pageSize).stream()
                .map(line -> new LineView(line.dossierId(), line.archivalCode(), line.room(), line.shelf(), line.box(), line.state().name(),
                        line.onLoan(), line.foundAt(), line.foundBy())).toList();
    }
}
