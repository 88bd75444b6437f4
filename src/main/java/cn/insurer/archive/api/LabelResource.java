package cn.insurer.archive.api;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.dossier.PaperLocation;
import cn.insurer.archive.report.Labels;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 标签: printable cover and box labels with QR codes, for the archive's clerks. */
@Tag(name = "dossiers")
@Path("/labels")
@RequestScoped
public class LabelResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    Labels labels;

    @GET
    @Path("covers")
    @Produces("application/pdf")
    @Operation(operationId = "coverLabels", summary = "卷皮标签 · Cover labels",
            description = "所列案卷的卷皮标签（A4，每页 10 张），印档号与二维码；扫码枪把档号输入任一检索框即打开案卷。"
                    + "案卷可用标识、档号、业务号、保单号或赔案号指明，最多 100 卷；只印调用者可读的案卷。档案员与档案管理员可用。\n\n"
                    + "Cover labels for the dossiers named (A4, ten to a sheet), with the archival code as text and QR code; a hand "
                    + "scanner typing it into any search box opens the dossier. Dossiers by id or any of their numbers, up to 100; "
                    + "only dossiers the caller may read. For clerks and the archive manager.")
    @APIResponse(responseCode = "200", description = "标签 PDF · The label sheet",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "案卷不存在或调用者无权得知 · Unknown dossier, or not known to the caller")
    @APIResponse(responseCode = "422", description = "未指明案卷或超过 100 卷 · No dossier named, or more than 100")
    public Response covers(@Parameter(description = "案卷，可多个 · Dossiers, repeatable") @QueryParam("dossier") List<String> dossiers) {
        User user = currentUser.require(Permission.LABEL_PRINT);
        return pdf(labels.covers(currentUser.actor(), user, dossiers == null ? List.of() : dossiers), "卷皮标签.pdf");
    }

    @GET
    @Path("box")
    @Produces("application/pdf")
    @Operation(operationId = "boxLabel", summary = "盒标签 · Box label",
            description = "一个档案盒的标签：库房、架、盒与盒内案卷的档号，二维码为盒位置（扫码列出盒内案卷）。只列调用者可读的案卷。\n\n"
                    + "The label of one box: its room, shelf and box and the archival codes it holds, its QR code the box's place "
                    + "(scanning it lists them). Only dossiers the caller may read.")
    @APIResponse(responseCode = "200", description = "标签 PDF · The label",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "盒内没有调用者可读的案卷 · No dossier the caller may read in that box")
    @APIResponse(responseCode = "422", description = "未给出库房、架或盒 · Room, shelf or box missing")
    public Response box(@Parameter(description = "库房 · Room") @QueryParam("room") String room,
                        @Parameter(description = "架 · Shelf") @QueryParam("shelf") String shelf,
                        @Parameter(description = "盒 · Box") @QueryParam("box") String box) {
        User user = currentUser.require(Permission.LABEL_PRINT);
        return pdf(labels.box(currentUser.actor(), user, PaperLocation.of(room, shelf, box)), "盒标签.pdf");
    }

    private static Response pdf(byte[] document, String name) {
        return Response.ok(document, "application/pdf")
                .header("Content-Disposition", "inline; filename*=UTF-8''" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Cache-Control", "no-store")
                .build();
    }
}
