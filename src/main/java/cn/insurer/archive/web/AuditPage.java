package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.AuditEvent;
import cn.insurer.archive.audit.AuditTrail;
import cn.insurer.archive.audit.ChainVerification;
import cn.insurer.archive.config.ShownTimes;
import cn.insurer.archive.dossier.DossierLookup;
import cn.insurer.archive.dossier.TrailDisclosure;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** 审计: the trail searched by actor, action, target and day; the hash chain verified on request. */
@Named
@ViewScoped
public class AuditPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int PAGE_SIZE = 25;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditTrail trail;

    @Inject
    DossierLookup lookup;

    @Inject
    TrailDisclosure disclosure;

    @Inject
    AuditWording wording;

    @Inject
    ShownTimes times;

    @Inject
    Notices notices;

    @Inject
    UiText text;

    private String actor;
    private String action;
    private String target;
    private LocalDate from;
    private LocalDate to;
    private int page;
    private long total;
    private List<Event> events;
    private boolean opened;
    private ChainVerification verification;

    /** One row: codes as recorded, names in the desk's language beside them. */
    public record Event(long seq, Instant at, String actor, String action, String actionName, String target,
                        String outcome, String outcomeName, List<AuditDetails.Detail> details, String hash)
            implements Serializable {
    }

    /** A choice of the action filter. */
    public record Action(String code, String name) implements Serializable {
    }

    public void search() {
        page = 0;
        run();
    }

    public void goTo(int newPage) {
        page = Math.max(0, newPage);
        run();
    }

    private void run() {
        try {
            currentUser.require(Permission.AUDIT_READ);
            AuditTrail.Page result = trail.search(currentUser.actor(), new AuditTrail.Filter(blank(actor), blank(action),
                    lookup.auditTargets(currentUser.get(), target), from == null ? null : from.atStartOfDay(times.zone()).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(times.zone()).toInstant(), page, PAGE_SIZE));
            total = result.total();
            TrailDisclosure.Viewer viewer = disclosure.viewer(currentUser.get());
            events = result.events().stream().map(event -> event(event, viewer)).toList();
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    public void verify() {
        try {
            currentUser.require(Permission.AUDIT_VERIFY);
            verification = trail.verify(currentUser.actor());
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    private Event event(AuditEvent event, TrailDisclosure.Viewer viewer) {
        return new Event(event.seq(), event.at(), event.actor(), event.action(), AuditActions.name(text, event.action()),
                event.target(), event.outcome().name(), text.get("audit.outcome." + event.outcome().name()),
                wording.details(viewer.details(event.target(), event.details())), event.hash());
    }

    /** In the order the features declare them, so related actions stay together. */
    public List<Action> getActions() {
        return AuditActions.CODES.stream().map(code -> new Action(code, AuditActions.name(text, code))).toList();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public int getPages() {
        return (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public int getPage() {
        return page;
    }

    public long getTotal() {
        return total;
    }

    /** The trail opens on its latest events rather than on an empty page waiting for 查询. */
    public List<Event> getEvents() {
        if (events == null && !opened) {
            opened = true;
            run();
        }
        return events;
    }

    public ChainVerification getVerification() {
        return verification;
    }
}
