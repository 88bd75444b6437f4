package cn.insurer.archive.api;

import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.custody.CustodyAlert;
import cn.insurer.archive.custody.CustodyCheck;
import cn.insurer.archive.custody.CustodyChecks;
import cn.insurer.archive.custody.CustodySweep;
import cn.insurer.archive.custody.FindingKind;
import cn.insurer.archive.custody.RecordedFinding;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Custody checks (四性检测) for the archive manager; auditors may look at them. */
@Tag(name = "custody")
@Path("/custody")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CustodyResource {

    private static final double MEGABYTE = 1024.0 * 1024.0;

    @Inject
    Clock clock;

    @Inject
    CurrentUser currentUser;

    @Inject
    CustodySweep sweep;

    @Inject
    CustodyChecks checks;

    @Schema(name = "CustodyCheckStarted")
    public record Started(UUID id, boolean alreadyRunning) {
    }

    public record FindingView(FindingKind kind, UUID itemId, UUID dossierId, String objectKey, String expected,
                              String actual, Instant foundAt) {

        static FindingView of(RecordedFinding recorded) {
            var finding = recorded.finding();
            return new FindingView(finding.kind(), finding.itemId(), finding.dossierId(), finding.objectKey(),
                    finding.expected(), finding.actual(), recorded.foundAt());
        }
    }

    public record CheckView(UUID id, String status, String triggeredBy, Instant startedAt, Instant finishedAt, int total,
                            int done, long bytesRead, double objectsPerSecond, double megabytesPerSecond,
                            Map<FindingKind, Integer> counts, List<FindingView> findings, String summarySha256,
                            String failure) {
    }

    @POST
    @Path("checks")
    @Operation(operationId = "startCustodyCheck", summary = "开始保管核查 · Start a custody check",
            description = "核对对象存储中每份内容的哈希（后台进行）；已在进行时返回该次核查。需要 ARCHIVE_MANAGER。\n\n" + "Checks the hash of every stored object, in the background; one already running is returned. Needs ARCHIVE_MANAGER.")
    @APIResponse(responseCode = "202", description = "已开始 · Started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Started.class)))
    public Response start() {
        currentUser.require(Permission.CUSTODY_CHECK);
        var opened = sweep.start(currentUser.actor());
        return Response.accepted(new Started(opened.id(), !opened.created()))
                .location(UriBuilder.fromResource(CustodyResource.class).path("checks").path(opened.id().toString()).build())
                .build();
    }

    @GET
    @Path("checks/{id}")
    @Operation(operationId = "custodyCheckResult", summary = "保管核查结果 · Custody check result",
            description = "核查进度与发现的问题。\n\n" + "The check's progress and findings.")
    @APIResponse(responseCode = "200", description = "核查 · The check")
    public CheckView check(@Parameter(description = "核查或告警标识 · The check's or alert's id (UUID)") @PathParam("id") String id) {
        currentUser.require(Permission.CUSTODY_CHECK_READ);
        UUID checkId = Ids.parse(id);
        CustodyCheck check = checks.find(checkId).orElseThrow(() -> ProblemException.notFound("problem.custody.check.unknown", checkId));
        double seconds = check.secondsAt(clock.instant());
        return new CheckView(check.id(), check.status(), check.triggeredBy(), check.startedAt(), check.finishedAt(),
                check.total(), check.done(), check.bytesRead(), check.done() / seconds, check.bytesRead() / MEGABYTE / seconds,
                checks.counts(checkId), checks.findings(checkId).stream().map(FindingView::of).toList(),
                check.summarySha256(), check.failure());
    }

    @GET
    @Path("alerts")
    @Operation(operationId = "listCustodyAlerts", summary = "保管告警 · Custody alerts",
            description = "未确认的保管告警。\n\n" + "The custody alerts.")
    @APIResponse(responseCode = "200", description = "告警 · The alerts")
    public List<CustodyAlert> alerts() {
        currentUser.require(Permission.CUSTODY_ALERTS);
        return checks.alerts();
    }

    @POST
    @Path("alerts/{id}/acknowledge")
    @Operation(operationId = "acknowledgeCustodyAlert", summary = "确认保管告警 · Acknowledge a custody alert",
            description = "确认告警。\n\n" + "Acknowledges the alert.")
    @APIResponse(responseCode = "200", description = "告警 · The alert")
    @APIResponse(responseCode = "409", description = "已确认 · Already acknowledged")
    public CustodyAlert acknowledge(@Parameter(description = "核查或告警标识 · The check's or alert's id (UUID)") @PathParam("id") String id) {
        currentUser.require(Permission.CUSTODY_ALERT_ACKNOWLEDGE);
        return checks.acknowledge(currentUser.actor(), Ids.parse(id));
    }
}
