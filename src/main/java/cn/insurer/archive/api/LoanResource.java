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
import cn.insurer.archive.loan.LoanSlip;
import cn.insurer.archive.loan.LoanSweep;
import cn.insurer.archive.loan.NotificationMailer;
import cn.insurer.archive.loan.Loan;
import cn.insurer.archive.loan.LoanDecision;
import cn.insurer.archive.loan.LoanKind;
import cn.insurer.archive.loan.LoanRepository;
import cn.insurer.archive.loan.LoanVisibility;
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

@Path("/loans")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LoanResource {

    private static final int MAX_PAGE_SIZE = 200;
    private static final Set<String> STATUSES = Set.of("REQUESTED", "ACTIVE", "OVERDUE", "RETURNED", "REJECTED", "EXPIRED");

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

    public record LoanBody(UUID dossierId, List<UUID> itemIds, String purpose, LoanKind kind, Integer days) {
    }

    public record CommentBody(String comment) {
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
                           Instant requestedAt, Instant activatedAt, Instant dueAt, Instant endedAt) {

        static LoanView of(Loan loan, Instant now) {
            String status = loan.overdueAt(now) ? "OVERDUE" : loan.status().name();
            return new LoanView(loan.id(), loan.number(), loan.dossierId(), loan.itemIds(), loan.coveredItemIds(),
                    loan.borrower(), loan.purpose(), loan.kind(), loan.days(), loan.securityLevel(), status,
                    loan.approvalsNeeded(), loan.nextApprover().orElse(null),
                    loan.decisions().stream().map(DecisionView::of).toList(), loan.requestedAt(), loan.activatedAt(),
                    loan.dueAt(), loan.endedAt());
        }
    }

    public record LoanPage(long total, int page, int size, List<LoanView> loans) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
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
    public SweepView sweep() {
        currentUser.require(Permission.LOAN_SWEEP);
        sweep.sweep();
        int mailed = mailer.deliver();
        return new SweepView(mailed, loans.list(new LoanRepository.Query(null, "OVERDUE", null, clock.instant(), 0, 1)).total());
    }

    @GET
    @Path("{id}")
    @Transactional
    public LoanView get(@PathParam("id") String id) {
        return LoanView.of(visibility.visible(currentUser.actor(), currentUser.get(), Ids.parse(id), "loan.read"), clock.instant());
    }

    /** The printable 借阅单, for whoever may see the loan ({@link LoanVisibility}). */
    @GET
    @Path("{id}/slip")
    @Produces("application/pdf")
    @Transactional
    public Response slip(@PathParam("id") String id) {
        Loan loan = visibility.visible(currentUser.actor(), currentUser.get(), Ids.parse(id), "loan.slip");
        Dossier dossier = dossiers.find(loan.dossierId()).orElseThrow();
        return Response.ok(slips.render(loan, dossier, loan.activatedAt() != null || access.canRead(currentUser.get(), dossier)), "application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + loan.number() + ".pdf\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public LoanView approve(@PathParam("id") String id, CommentBody body) {
        return LoanView.of(lending.decide(currentUser.actor(), currentUser.get(), Ids.parse(id), true,
                body == null ? null : body.comment()), clock.instant());
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public LoanView reject(@PathParam("id") String id, CommentBody body) {
        return LoanView.of(lending.decide(currentUser.actor(), currentUser.get(), Ids.parse(id), false,
                body == null ? null : body.comment()), clock.instant());
    }

    @POST
    @Path("{id}/return")
    public LoanView giveBack(@PathParam("id") String id) {
        return LoanView.of(lending.giveBack(currentUser.actor(), currentUser.get(), Ids.parse(id)), clock.instant());
    }

    /**
     * The loans the caller may see ({@link LoanVisibility}): their own, their department's dossiers'
     * for a department head, all of them for the archive manager, auditors and clerks;
     * {@code mine=true} only their own.
     */
    @GET
    @Transactional
    public LoanPage list(@QueryParam("status") String status, @QueryParam("mine") Boolean mine,
                         @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
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
