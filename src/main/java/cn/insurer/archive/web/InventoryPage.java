package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.custody.Inventory;
import cn.insurer.archive.custody.PaperInventories;
import cn.insurer.archive.problem.ProblemException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * 盘点: start an inventory (of the store or one room), scan its labels — a hand scanner types a
 * cover label's 档号 or a box label's place and Enter — and close it; what is still unchecked is
 * listed box by box, and after closing what is missing.
 */
@Named
@ViewScoped
public class InventoryPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int LISTED = 200;
    /** The request attribute that keeps the selected inventory's counts for one response. */
    private static final String CURRENT = InventoryPage.class.getName() + ".current";

    @Inject
    CurrentUser currentUser;

    @Inject
    PaperInventories inventories;

    @Inject
    Notices notices;

    private String room;
    private String code;
    private UUID selected;

    public void start() {
        try {
            PaperInventories.Summary started = inventories.start(currentUser.actor(), currentUser.get(), room);
            selected = started.inventory().id();
            forgetCurrent();
            notices.info("inventory.started", started.inventory().number(), started.expected());
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    public void scan() {
        try {
            PaperInventories.Scan scan = inventories.scan(currentUser.actor(), currentUser.get(), selected, code);
            forgetCurrent();
            notices.info(scan.checkedOff() > 0 ? "inventory.scanned" : "inventory.scanned.again", code, scan.checkedOff());
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
        code = null;
    }

    public void close() {
        try {
            PaperInventories.Summary closed = inventories.close(currentUser.actor(), currentUser.get(), selected);
            forgetCurrent();
            notices.info("inventory.closed", closed.inventory().number(), closed.missing());
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    public void select(UUID id) {
        selected = id;
        forgetCurrent();
    }

    public List<PaperInventories.Summary> getInventories() {
        List<PaperInventories.Summary> all = inventories.list(currentUser.get(), 20);
        if (selected == null) {
            all.stream().filter(summary -> summary.inventory().status() == Inventory.Status.OPEN).findFirst()
                    .ifPresent(summary -> selected = summary.inventory().id());
        }
        return all;
    }

    /**
     * The selected inventory with its counts. The page refers to it a dozen times, and each count
     * is a query over the inventory's lines: it is worked out once per response, and again after an
     * action that changes it.
     */
    public PaperInventories.Summary getCurrent() {
        if (selected == null) {
            return null;
        }
        Map<Object, Object> request = FacesContext.getCurrentInstance().getAttributes();
        Object known = request.get(CURRENT);
        if (known instanceof PaperInventories.Summary summary && summary.inventory().id().equals(selected)) {
            return summary;
        }
        PaperInventories.Summary found = inventories.find(currentUser.get(), selected).orElse(null);
        request.put(CURRENT, found);
        return found;
    }

    private static void forgetCurrent() {
        FacesContext.getCurrentInstance().getAttributes().remove(CURRENT);
    }

    /** Still to check (before closing) or missing (after), box by box. */
    public List<PaperInventories.Line> getOutstanding() {
        PaperInventories.Summary current = getCurrent();
        if (current == null) {
            return List.of();
        }
        PaperInventories.LineState state = current.inventory().status() == Inventory.Status.OPEN
                ? PaperInventories.LineState.PENDING : PaperInventories.LineState.MISSING;
        return inventories.lines(currentUser.get(), selected, state, 0, LISTED);
    }

    public String getRoom() {
        return room;
    }

    public void setRoom(String room) {
        this.room = room;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
