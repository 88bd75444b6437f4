package cn.insurer.archive.custody;

import cn.insurer.archive.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** 盘点: one inventory of the 库房 (or of one room), open while its labels are scanned, then closed. */
@Entity
@Table(name = "inventory")
public class Inventory {

    public enum Status {
        OPEN,
        CLOSED
    }

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String number;

    /** The room counted, or null for the whole store. */
    @Column(updatable = false)
    private String room;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "started_by", nullable = false, updatable = false)
    private String startedBy;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "closed_by")
    private String closedBy;

    @Version
    private long version;

    protected Inventory() {
    }

    Inventory(String number, String room, String startedBy, Instant now) {
        this.id = UUID.randomUUID();
        this.number = number;
        this.room = room;
        this.status = Status.OPEN;
        this.startedBy = startedBy;
        this.startedAt = now;
    }

    void requireOpen() {
        if (status != Status.OPEN) {
            throw ProblemException.conflict("problem.inventory.closed", number);
        }
    }

    void close(String by, Instant now) {
        requireOpen();
        status = Status.CLOSED;
        closedBy = by;
        closedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String number() {
        return number;
    }

    public String room() {
        return room;
    }

    public Status status() {
        return status;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String startedBy() {
        return startedBy;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public String closedBy() {
        return closedBy;
    }
}
