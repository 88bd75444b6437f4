package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.User;
import cn.insurer.archive.retention.Disposition;
import cn.insurer.archive.retention.DispositionEntry;
import cn.insurer.archive.retention.DestructionCertificates;
import cn.insurer.archive.retention.Dispositions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import cn.insurer.archive.storage.ObjectStore;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 鉴定销毁: disposition batches, their two signatures, execution and the destruction certificate. */
@Tag(name = "retention")
@Path("/dispositions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DispositionResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    Dispositions dispositions;

    @Inject
    DestructionCertificates certificates;

    @Inject
    ObjectStore objectStore;

    public record ProposalBody(List<String> dossierIds, Disposition.Action action, String appraisal) {
    }

    public record EntryView(UUID dossierId, String archivalCode, String businessKey, String type, String title,
                            String ruleId, String policyVersion, LocalDate triggerDate, LocalDate dispositionDate,
                            int itemCount, String outcome, String reason) {

        static EntryView of(DispositionEntry entry) {
            return new EntryView(entry.dossierId(), entry.archivalCode(), entry.businessKey(), entry.dossierType(),
                    entry.title(), entry.ruleId(), entry.policyVersion(), entry.triggerDate(), entry.dispositionDate(),
                    entry.itemCount(), entry.outcome().name(), entry.skipReason());
        }
    }

    public record DispositionView(UUID id, String number, String action, String status, String appraisal, String proposedBy,
                                  Instant proposedAt, String managerApprovedBy, Instant managerApprovedAt,
                                  String auditorApprovedBy, Instant auditorApprovedAt, String executedBy,
                                  Instant executedAt, String packageSha256, List<EntryView> dossiers) {

        static DispositionView of(Disposition batch) {
            return new DispositionView(batch.id(), batch.number(), batch.action().name(), batch.status().name(), batch.appraisal(),
                    batch.proposedBy(), batch.proposedAt(), batch.managerApprovedBy(), batch.managerApprovedAt(),
                    batch.auditorApprovedBy(), batch.auditorApprovedAt(), batch.executedBy(), batch.executedAt(),
                    batch.packageSha256(), batch.entries().stream().map(EntryView::of).toList());
        }
    }

    public record DispositionList(int count, List<DispositionView> dispositions) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "proposeDisposition", summary = "提出销毁或移交 · Propose a disposition",
            description = "对到期卷宗提出销毁或移交批次（PROPOSED）；未到期或在保全中的卷宗 409。需要 ARCHIVE_MANAGER。\n\n" + "Proposes a destruction or transfer batch of due dossiers (PROPOSED); a dossier not yet due or on hold is a 409. Needs ARCHIVE_MANAGER.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProposalBody.class),
            examples = @ExampleObject(name = "destroy", summary = "销毁两卷到期理赔档案 · Destroy two due claim dossiers", value = """
                    {"dossierIds": ["3f2b8c1e-5d4a-4c6b-9a0e-2f1d7c8b9a10", "8d0c6a2f-1b3e-4f5a-9c7d-6e5f4a3b2c1d"], "action": "DESTROY", "appraisal": "保管期限已满，经鉴定无继续保存价值"}""")))
    @APIResponse(responseCode = "201", description = "已提出 · Proposed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DispositionView.class)))
    @APIResponse(responseCode = "404", description = "卷宗不存在 · Unknown dossier")
    @APIResponse(responseCode = "409", description = "卷宗未到期或在保全中 · A dossier is not yet due, or on hold")
    @APIResponse(responseCode = "422", description = "字段违反规则 · A field breaks a rule")
    public Response propose(ProposalBody body) {
        User user = currentUser.require(Permission.DISPOSITION_PROPOSE);
        if (body == null) {
            throw ProblemException.invalid(List.of(new FieldError("dossierIds", "validation.required")));
        }
        List<UUID> ids = body.dossierIds() == null ? null : body.dossierIds().stream().map(Ids::parse).toList();
        Disposition batch = dispositions.propose(currentUser.actor(), user, ids, body.action(), body.appraisal());
        return Response.created(UriBuilder.fromResource(DispositionResource.class).path(batch.id().toString()).build())
                .entity(DispositionView.of(batch)).build();
    }

    @GET
    @Transactional
    @Operation(operationId = "listDispositions", summary = "销毁批次列表 · List dispositions",
            description = "全部销毁与移交批次。\n\n" + "Every destruction and transfer batch.")
    @APIResponse(responseCode = "200", description = "批次 · The batches")
    public DispositionList list() {
        User user = currentUser.require(Permission.DISPOSITION_LIST);
        List<DispositionView> views = dispositions.list(user).stream().map(DispositionView::of).toList();
        return new DispositionList(views.size(), views);
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(operationId = "readDisposition", summary = "查看销毁批次 · Read a disposition",
            description = "批次及每卷的结果。\n\n" + "The batch with each dossier's outcome.")
    @APIResponse(responseCode = "200", description = "批次 · The batch")
    public DispositionView get(@Parameter(description = "销毁批次标识 · The batch's id (UUID)") @PathParam("id") String id) {
        User user = currentUser.require(Permission.DISPOSITION_READ);
        return DispositionView.of(dispositions.find(currentUser.actor(), user, Ids.parse(id), Permission.DISPOSITION_READ));
    }

    @POST
    @Path("{id}/approve")
    @Transactional
    @Operation(operationId = "approveDisposition", summary = "批准销毁批次 · Approve a disposition",
            description = "先由档案管理员、再由审计员批准（两人不同）。\n\n" + "First by ARCHIVE_MANAGER, then by AUDITOR (two different people).")
    @APIResponse(responseCode = "200", description = "批次 · The batch")
    @APIResponse(responseCode = "409", description = "批次状态不允许 · The batch's state does not allow it")
    public DispositionView approve(@Parameter(description = "销毁批次标识 · The batch's id (UUID)") @PathParam("id") String id) {
        User user = currentUser.require(Permission.DISPOSITION_APPROVE);
        return DispositionView.of(dispositions.approve(currentUser.actor(), user, Ids.parse(id)));
    }

    /** Not transactional itself: the records commit before the objects they named are removed. */
    @POST
    @Path("{id}/execute")
    @Operation(operationId = "executeDisposition", summary = "执行销毁批次 · Execute a disposition",
            description = "重新检查保全后执行；EXECUTED 并给出每卷结果。\n\n" + "Re-checks holds and executes; EXECUTED with each dossier's outcome.")
    @APIResponse(responseCode = "200", description = "批次 · The batch")
    @APIResponse(responseCode = "409", description = "批次未获批准 · The batch is not approved")
    public DispositionView execute(@Parameter(description = "销毁批次标识 · The batch's id (UUID)") @PathParam("id") String id) {
        User user = currentUser.require(Permission.DISPOSITION_EXECUTE);
        return DispositionView.of(dispositions.execute(currentUser.actor(), user, Ids.parse(id)));
    }

    /** The transfer package (BagIt in a ZIP) of an executed TRANSFER batch, with its SHA-256 as ETag. */
    @GET
    @Path("{id}/package")
    @Produces({"application/zip", "application/problem+json"})
    @Transactional
    @Operation(operationId = "transferPackage", summary = "移交包 · Transfer package",
            description = "移交批次执行后的移交包（ZIP）。\n\n" + "The transfer package of an executed transfer batch (ZIP).")
    @APIResponse(responseCode = "200", description = "移交包 · The package",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "409", description = "没有移交包 · No package")
    public Response transferPackage(@Parameter(description = "销毁批次标识 · The batch's id (UUID)") @PathParam("id") String id) {
        User user = currentUser.require(Permission.DISPOSITION_PACKAGE);
        Disposition batch = dispositions.takePackage(currentUser.actor(), user, Ids.parse(id));
        String key = batch.packageKey();
        StreamingOutput body = out -> {
            try (InputStream in = objectStore.openDocument(key)) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, "application/zip").tag(batch.packageSha256())
                .header("Content-Disposition", "attachment; filename=\"transfer-" + batch.id() + ".zip\"")
                .build();
    }

    @GET
    @Path("{id}/certificate")
    @Produces({"application/pdf", "application/problem+json"})
    @Transactional
    @Operation(operationId = "destructionCertificate", summary = "销毁证明 · Destruction certificate",
            description = "已执行销毁批次的销毁证明（PDF）。\n\n" + "The destruction certificate of an executed batch (PDF).")
    @APIResponse(responseCode = "200", description = "销毁证明 · The certificate",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "409", description = "批次未执行 · The batch is not executed")
    public Response certificate(@Parameter(description = "销毁批次标识 · The batch's id (UUID)") @PathParam("id") String id) {
        User user = currentUser.require(Permission.DISPOSITION_CERTIFICATE);
        UUID batchId = Ids.parse(id);
        byte[] pdf = certificates.render(currentUser.actor(), user, batchId);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"destruction-certificate-" + batchId + ".pdf\"")
                .build();
    }
}
