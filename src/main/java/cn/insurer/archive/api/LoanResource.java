package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import cn.insurer.archive.dossier.Dossier;
import cn.insurer.archive.dossier.DossierRepository;
import cn.insurer.archive.loan.Lending;
import cn.insurer.archive.loan.LoanStatus;
import cn.insurer.archive.loan.LoanSlip;
import cn.insurer.archive.loan.LoanSweep;
import cn.insurer.archive.loan.NotificationMailer;
import cn.insurer.archive.loan.Loan;
import cn.insurer.archive.loan.LoanDecision;
import cn.insurer.archive.loan.LoanKind;
import cn.insurer.archive.loan.LoanRepository;
import cn.insurer.archive.loan.LoanVisibility;
import cn.insurer.archive.loan.OriginalCustody;
import cn.insurer.archive.loan.Renewals;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "loans")
@Path("/loans")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LoanResource {

    private static final int MAX_PAGE_SIZE = 200;
    private static final Set<String> STATUSES = java.util.Arrays.stream(LoanStatus.values()).map(LoanStatus::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    @Inject
    cn.insurer.archive.access.AccessPolicy access;

    @Inject
    java.time.Clock clock;

    @Inject
    CurrentUser currentUser;

    @Inject
    Lending lending;

    @Inject
    LoanRepository loans;

    @Inject
    LoanSlip slips;

    @Inject
    LoanSweep sweep;

    @Inject
    NotificationMailer mailer;

    @Inject
    DossierRepository dossiers;

    @Inject
    LoanVisibility visibility;

    @Inject
    Renewals renewals;

    @Inject
    OriginalCustody custody;

    public record LoanBody(UUID dossierId, List<UUID> itemIds, String purpose, LoanKind kind, Integer days) {
    }

    public record CommentBody(String comment) {
    }

    /** {@code reason}: why more time is needed; {@code days}: how many more, counted from the current due date. */
    public record RenewalBody(Integer days, String reason) {
    }

    /** {@code code}: the 档号 scanned from the dossier's label (its 业务号 before sealing); {@code condition}: at check-in, the state it came back in. */
    public record CustodyBody(String code, String condition) {
    }

    /** An original out of the 库房 now: who holds it since when, where it belongs; the dossier's code, title and place only for a caller who may read it. */
    public record OriginalOutView(UUID loanId, String number, UUID dossierId, String archivalCode, String title, String holder,
                                  Instant handedOutAt, String handedOutBy, Instant dueAt, boolean overdue, String location) {
    }

    public record DecisionView(int step, Role role, String approver, boolean approved, String comment, Instant decidedAt) {

        static DecisionView of(LoanDecision decision) {
            return new DecisionView(decision.step(), decision.role(), decision.approver(), decision.approved(),
                    decision.comment(), decision.decidedAt());
        }
    }

    /** {@code coveredItemIds}: what the loan opens, fixed at its request (for a whole dossier, the items it held then). */
    public record LoanView(UUID id, String number, UUID dossierId, Set<UUID> itemIds, Set<UUID> coveredItemIds,
                           String borrower, String purpose, LoanKind kind, int days, SecurityLevel securityLevel,
                           String status, List<Role> approvalsNeeded, Role nextApprover, List<DecisionView> decisions,
                           Instant requestedAt, Instant activatedAt, Instant dueAt, Instant endedAt, UUID renews,
                           Instant handedOutAt, String handedOutBy, Instant checkedInAt, String checkedInBy, String condition) {

        static LoanView of(Loan loan, Instant now) {
            String status = loan.statusAt(now).name();
            return new LoanView(loan.id(), loan.number(), loan.dossierId(), loan.itemIds(), loan.coveredItemIds(),
                    loan.borrower(), loan.purpose(), loan.kind(), loan.days(), loan.securityLevel(), status,
                    loan.approvalsNeeded(), loan.nextApprover().orElse(null),
                    loan.decisions().stream().map(DecisionView::of).toList(), loan.requestedAt(), loan.activatedAt(),
                    loan.dueAt(), loan.endedAt(), loan.renews(), loan.handedOutAt(), loan.handedOutBy(), loan.checkedInAt(),
                    loan.checkedInBy(), loan.checkInCondition());
        }
    }

    public record LoanPage(long total, int page, int size, List<LoanView> loans) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestLoan", summary = "申请借阅 · Request a loan",
            description = "申请借阅整卷或其中文件（查阅、复制或借出原件），按审批链等待审批；状态 REQUESTED。\n\n"
                    + "Asks to borrow a dossier or some of its items (view, copy or the paper original); the approval chain decides. Status REQUESTED.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanBody.class),
            examples = @ExampleObject(name = "view", summary = "查阅整卷 7 天 · View a whole dossier for 7 days", value = """
                    {"dossierId": "3f2b8c1e-5d4a-4c6b-9a0e-2f1d7c8b9a10", "purpose": "类似案件参考", "kind": "VIEW", "days": 7}""")))
    @APIResponse(responseCode = "201", description = "已申请 · Requested", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanView.class)))
    @APIResponse(responseCode = "404", description = "卷宗不存在或调用者无权得知 · Unknown dossier, or not known to the caller")
    @APIResponse(responseCode = "422", description = "字段违反规则 · A field breaks a rule")
    public Response request(LoanBody body) {
        User user = currentUser.require(Permission.LOAN_REQUEST);
        if (body == null) {
            throw ProblemException.badRequest("problem.body.required");
        }
        Loan loan = lending.request(currentUser.actor(), user,
                new Lending.Request(body.dossierId(), body.itemIds(), body.purpose(), body.kind(), body.days()));
        return Response.created(UriBuilder.fromResource(LoanResource.class).path(loan.id().toString()).build())
                .entity(LoanView.of(loan, clock.instant())).build();
    }

    public record SweepView(int mailed, long overdue) {
    }

    /** Runs the loan sweep now (it also runs every minute): expiries, overdue reminders, mail. */
    @POST
    @Path("sweep")
    @Operation(operationId = "runLoanSweep", summary = "执行借阅巡检 · Run the loan sweep",
            description = "立即执行到期、逾期提醒与邮件发送（平时每分钟执行）。需要档案管理员。\n\n"
                    + "Runs expiries, overdue reminders and mail now (it also runs every minute). Needs ARCHIVE_MANAGER.")
    @APIResponse(responseCode = "200", description = "巡检结果 · What the sweep did")
    public SweepView sweep() {
        currentUser.require(Permission.LOAN_SWEEP);
        sweep.sweep();
        int mailed = mailer.deliver();
        return new SweepView(mailed, loans.list(new LoanRepository.Query(null, "OVERDUE", null, clock.instant(), 0, 1)).total());
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(operationId = "readLoan", summary = "查看借阅 · Read a loan",
            description = "借阅人、其部门负责人、档案管理员、审计员与档案员可见。\n\n"
                    + "Visible to the borrower, their department head, the archive manager, auditors and clerks.")
    @APIResponse(responseCode = "200", description = "借阅 · The loan")
    public LoanView get(@Parameter(description = "借阅单标识 · The loan's id (UUID)") @PathParam("id") String id) {
        return LoanView.of(visibility.visible(currentUser.actor(), currentUser.get(), Ids.parse(id), "loan.read"), clock.instant());
    }

    /** The printable 借阅单, for whoever may see the loan ({@link LoanVisibility}). */
    @GET
    @Path("{id}/slip")
    @Produces("application/pdf")
    @Transactional
    @Operation(operationId = "loanSlip", summary = "借阅单 · Loan slip",
            description = "可打印的借阅单（PDF）。\n\nThe printable loan slip (PDF).")
    @APIResponse(responseCode = "200", description = "借阅单 · The slip",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response slip(@Parameter(description = "借阅单标识 · The loan's id (UUID)") @PathParam("id") String id) {
        LoanSlip.Printed slip = slips.print(currentUser.actor(), currentUser.get(), Ids.parse(id));
        return Response.ok(slip.pdf(), "application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + slip.number() + ".pdf\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "approveLoan", summary = "批准借阅 · Approve a loan",
            description = "由审批链下一位审批人批准；他人 403，已决定 409；不能批准自己的借阅。\n\n"
                    + "By the approver the chain needs next; anyone else gets 403, a decided loan 409; nobody approves their own loan.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentBody.class),
            examples = @ExampleObject(name = "approve", value = """
                    {"comment": "同意，限阅览室查阅"}""")))
    @APIResponse(responseCode = "200", description = "借阅 · The loan", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanView.class)))
    @APIResponse(responseCode = "409", description = "已决定 · Already decided")
    @APIResponse(responseCode = "422", description = "缺少意见等违反规则 · Breaks a rule, such as a missing comment")
    public LoanView approve(@Parameter(description = "借阅单标识 · The loan's id (UUID)") @PathParam("id") String id, CommentBody body) {
        return LoanView.of(lending.decide(currentUser.actor(), currentUser.get(), Ids.parse(id), true,
                body == null ? null : body.comment()), clock.instant());
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rejectLoan", summary = "驳回借阅 · Reject a loan",
            description = "由审批链下一位审批人驳回；他人 403，已决定 409。\n\n"
                    + "By the approver the chain needs next; anyone else gets 403, a decided loan 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentBody.class)))
    @APIResponse(responseCode = "200", description = "借阅 · The loan", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanView.class)))
    @APIResponse(responseCode = "409", description = "已决定 · Already decided")
    @APIResponse(responseCode = "422", description = "缺少意见等违反规则 · Breaks a rule, such as a missing comment")
    public LoanView reject(@Parameter(description = "借阅单标识 · The loan's id (UUID)") @PathParam("id") String id, CommentBody body) {
        return LoanView.of(lending.decide(currentUser.actor(), currentUser.get(), Ids.parse(id), false,
                body == null ? null : body.comment()), clock.instant());
    }

    @POST
    @Path("{id}/return")
    @Operation(operationId = "returnLoan", summary = "归还 · Return a loan",
            description = "结束在借的借阅。\n\nEnds an active loan.")
    @APIResponse(responseCode = "200", description = "借阅 · The loan", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanView.class)))
    @APIResponse(responseCode = "409", description = "借阅不在借 · The loan is not active")
    public LoanView giveBack(@Parameter(description = "借阅单标识 · The loan's id (UUID)") @PathParam("id") String id) {
        return LoanView.of(lending.giveBack(currentUser.actor(), currentUser.get(), Ids.parse(id)), clock.instant());
    }

    @POST
    @Path("{id}/cancel")
    @Operation(operationId = "cancelLoan", summary = "撤回借阅申请 · Cancel a loan request",
            description = "借阅人在审批完成前撤回自己的申请；他人 403，已批准、驳回或结束的 409。\n\n"
                    + "The borrower withdraws their own request before it is fully approved; anyone else gets 403, "
                    + "a loan already active, rejected or ended 409.")
    @APIResponse(responseCode = "200", description = "借阅 · The loan", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanView.class)))
    @APIResponse(responseCode = "403", description = "不是本人的申请 · Not the caller's own request")
    @APIResponse(responseCode = "409", description = "申请已不在审批中 · The request no longer waits for approval")
    public LoanView cancel(@Parameter(description = "借阅单标识 · The loan's id (UUID)") @PathParam("id") String id) {
        return LoanView.of(lending.cancel(currentUser.actor(), currentUser.get(), Ids.parse(id)), clock.instant());
    }

    @POST
    @Path("{id}/renewal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "renewLoan", summary = "续借 · Renew a loan",
            description = "借阅人为在借的借阅申请延期：新的借阅单走同一审批链，批准后自原应还时间起顺延，原借阅为 RENEWED。他人 403；"
                    + "借阅已结束或已有待审批的续借 409。\n\n"
                    + "The borrower asks for more time on a loan in force: a new loan goes through the same approval chain and, "
                    + "once approved, runs on from the current due date while the first becomes RENEWED. Anyone else gets 403; "
                    + "a loan no longer in force, or one with a renewal already waiting, 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RenewalBody.class),
            examples = @ExampleObject(name = "renew", value = """
                    {"days": 7, "reason": "诉讼开庭延期，需继续使用"}""")))
    @APIResponse(responseCode = "201", description = "续借申请 · The renewal request", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanView.class)))
    @APIResponse(responseCode = "403", description = "不是本人的借阅 · Not the caller's own loan")
    @APIResponse(responseCode = "409", description = "借阅已结束或续借待审批 · The loan is not in force, or a renewal already waits")
    @APIResponse(responseCode = "422", description = "天数或理由违反规则 · Days or reason break a rule")
    public Response renew(@Parameter(description = "借阅单标识 · The loan's id (UUID)") @PathParam("id") String id, RenewalBody body) {
        User user = currentUser.require(Permission.LOAN_REQUEST);
        if (body == null) {
            throw ProblemException.badRequest("problem.body.required");
        }
        Loan renewal = renewals.request(currentUser.actor(), user, Ids.parse(id), body.days(), body.reason());
        return Response.created(UriBuilder.fromResource(LoanResource.class).path(renewal.id().toString()).build())
                .entity(LoanView.of(renewal, clock.instant())).build();
    }

    @POST
    @Path("{id}/hand-out")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "handOutOriginal", summary = "原件出库 · Hand out a paper original",
            description = "档案员扫描卷皮标签上的档号，把已批准的原件借阅交给借阅人。不能经手本人的借阅（403）；档号不符 422；未批准、已出库或非原件借阅 409。\n\n"
                    + "A clerk scans the 档号 on the dossier's label and hands the approved original to its borrower. Nobody hands out "
                    + "their own loan (403); a code naming another dossier is 422; a loan not approved, already out or not for an original is 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustodyBody.class),
            examples = @ExampleObject(name = "scan", value = """
                    {"code": "XS-2024-LP-D10-0001"}""")))
    @APIResponse(responseCode = "200", description = "借阅 · The loan", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanView.class)))
    @APIResponse(responseCode = "403", description = "不是档案室经办或本人的借阅 · Not the archive's desk, or the clerk's own loan")
    @APIResponse(responseCode = "409", description = "不能出库 · Cannot be handed out")
    @APIResponse(responseCode = "422", description = "档号不符 · The scanned code names another dossier")
    public LoanView handOut(@Parameter(description = "借阅单标识 · The loan's id (UUID)") @PathParam("id") String id, CustodyBody body) {
        User user = currentUser.require(Permission.LOAN_CUSTODY);
        return LoanView.of(custody.handOut(currentUser.actor(), user, Ids.parse(id), body == null ? null : body.code()), clock.instant());
    }

    @POST
    @Path("{id}/check-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkInOriginal", summary = "原件归还入库 · Check a paper original back in",
            description = "档案员收回原件，扫描档号并记录状况，借阅结束（RETURNED）。借阅人不能自行归还已出库的原件。\n\n"
                    + "A clerk takes the original back, scans its code and notes its condition; the loan ends (RETURNED). A borrower "
                    + "cannot return an original that is out by themselves.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustodyBody.class),
            examples = @ExampleObject(name = "back", value = """
                    {"code": "XS-2024-LP-D10-0001", "condition": "完好，页数齐全"}""")))
    @APIResponse(responseCode = "200", description = "借阅 · The loan", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanView.class)))
    @APIResponse(responseCode = "403", description = "不是档案室经办或本人的借阅 · Not the archive's desk, or the clerk's own loan")
    @APIResponse(responseCode = "409", description = "原件不在外 · The original is not out")
    @APIResponse(responseCode = "422", description = "档号不符或未记录状况 · Wrong code, or no condition noted")
    public LoanView checkIn(@Parameter(description = "借阅单标识 · The loan's id (UUID)") @PathParam("id") String id, CustodyBody body) {
        User user = currentUser.require(Permission.LOAN_CUSTODY);
        return LoanView.of(custody.checkIn(currentUser.actor(), user, Ids.parse(id), body == null ? null : body.code(),
                body == null ? null : body.condition()), clock.instant());
    }

    @GET
    @Path("originals-out")
    @Transactional
    @Operation(operationId = "listOriginalsOut", summary = "在外原件 · Originals out",
            description = "当前不在库房的纸质原件：持有人、出库时间与经办、应还时间、存放位置，出库最久的在前。档案员、档案管理员与审计员可见。\n\n"
                    + "The paper originals out of the store now: who holds each since when, who handed it out, when it is due and "
                    + "where it belongs, longest out first. For clerks, the archive manager and auditors.")
    @APIResponse(responseCode = "200", description = "在外原件 · Originals out")
    public List<OriginalOutView> originalsOut() {
        User user = currentUser.require(Permission.LOAN_READ_ALL);
        Instant now = clock.instant();
        return custody.out(MAX_PAGE_SIZE).stream().map(loan -> {
            // The loan is the caller's to see; the dossier's code, title and place only if the dossier is too.
            Dossier dossier = dossiers.find(loan.dossierId()).filter(found -> access.canRead(user, found)).orElse(null);
            return new OriginalOutView(loan.id(), loan.number(), loan.dossierId(), dossier == null ? null : dossier.archivalCode(),
                    dossier == null ? null : dossier.title(), loan.borrower(), loan.handedOutAt(), loan.handedOutBy(), loan.dueAt(),
                    loan.overdueAt(now),
                    dossier == null ? null : dossier.paperLocation().map(cn.insurer.archive.dossier.PaperLocation::describe).orElse(null));
        }).toList();
    }

    /**
     * The loans the caller may see ({@link LoanVisibility}): their own, their department's dossiers'
     * for a department head, all of them for the archive manager, auditors and clerks;
     * {@code mine=true} only their own.
     */
    @GET
    @Transactional
    @Operation(operationId = "listLoans", summary = "借阅列表 · List loans",
            description = "调用者可见的借阅：自己的、部门负责人看本部门卷宗的、档案管理员、审计员与档案员看全部；mine=true 仅自己的。\n\n"
                    + "The loans the caller may see: their own, their department's for a department head, all for the archive "
                    + "manager, auditors and clerks; mine=true only their own.")
    @APIResponse(responseCode = "200", description = "一页借阅 · A page of loans")
    public LoanPage list(@Parameter(description = "借阅状态 · Loan status", schema = @Schema(enumeration = {"REQUESTED", "ACTIVE", "OVERDUE", "RETURNED", "REJECTED", "EXPIRED", "CANCELLED", "RENEWED"})) @QueryParam("status") String status,
                         @Parameter(description = "仅本人的借阅 · Only the caller's own loans") @QueryParam("mine") Boolean mine,
                         @Parameter(description = "页码，从 0 开始 · Page number, from 0") @QueryParam("page") Integer page,
                         @Parameter(description = "每页条数，1–200，默认 20 · Page size, 1 to 200, default 20") @QueryParam("size") Integer size) {
        User user = currentUser.get();
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? 20 : size;
        if (pageNumber < 0 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("problem.paging", MAX_PAGE_SIZE);
        }
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            throw ProblemException.badFields(List.of(new FieldError("status", "validation.enum", STATUSES.toString())));
        }
        String borrower = Boolean.TRUE.equals(mine) ? user.username() : null;
        LoanRepository.Page result = loans.list(new LoanRepository.Query(borrower, status == null || status.isBlank() ? null : status,
                null, clock.instant(), pageNumber, pageSize, visibility.viewer(user)));
        return new LoanPage(result.total(), pageNumber, pageSize, result.loans().stream().map(loan -> LoanView.of(loan, clock.instant())).toList());
    }
}
