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

/** 鉴定销毁: disposition batches, their two signatures, execution and the destruction certificate. */
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

    public record DispositionView(UUID id, String action, String status, String appraisal, String proposedBy,
                                  Instant proposedAt, String managerApprovedBy, Instant managerApprovedAt,
                                  String auditorApprovedBy, Instant auditorApprovedAt, String executedBy,
                                  Instant executedAt, String packageSha256, List<EntryView> dossiers) {

        static DispositionView of(Disposition batch) {
            return new DispositionView(batch.id(), batch.action().name(), batch.status().name(), batch.appraisal(),
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
    public DispositionList list() {
        User user = currentUser.require(Permission.DISPOSITION_LIST);
        List<DispositionView> views = dispositions.list(user).stream().map(DispositionView::of).toList();
        return new DispositionList(views.size(), views);
    }

    @GET
    @Path("{id}")
    @Transactional
    public DispositionView get(@PathParam("id") String id) {
        User user = currentUser.require(Permission.DISPOSITION_READ);
        return DispositionView.of(dispositions.find(currentUser.actor(), user, Ids.parse(id), Permission.DISPOSITION_READ));
    }

    @POST
    @Path("{id}/approve")
    @Transactional
    public DispositionView approve(@PathParam("id") String id) {
        User user = currentUser.require(Permission.DISPOSITION_APPROVE);
        return DispositionView.of(dispositions.approve(currentUser.actor(), user, Ids.parse(id)));
    }

    /** Not transactional itself: the records commit before the objects they named are removed. */
    @POST
    @Path("{id}/execute")
    public DispositionView execute(@PathParam("id") String id) {
        User user = currentUser.require(Permission.DISPOSITION_EXECUTE);
        return DispositionView.of(dispositions.execute(currentUser.actor(), user, Ids.parse(id)));
    }

    /** The transfer package (BagIt in a ZIP) of an executed TRANSFER batch, with its SHA-256 as ETag. */
    @GET
    @Path("{id}/package")
    @Produces({"application/zip", "application/problem+json"})
    @Transactional
    public Response transferPackage(@PathParam("id") String id) {
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
    public Response certificate(@PathParam("id") String id) {
        User user = currentUser.require(Permission.DISPOSITION_CERTIFICATE);
        UUID batchId = Ids.parse(id);
        byte[] pdf = certificates.render(currentUser.actor(), user, batchId);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"destruction-certificate-" + batchId + ".pdf\"")
                .build();
    }
}
