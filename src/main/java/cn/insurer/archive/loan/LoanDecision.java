package cn.insurer.archive.loan;

import cn.insurer.archive.access.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One step of a loan's approval chain: who decided, in which role, how, and why. */
@Entity
@Table(name = "loan_decision")
public class LoanDecision {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "loan_id", updatable = false)
    private Loan loan;

    @Column(nullable = false, updatable = false)
    private int step;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Role role;

    @Column(nullable = false, updatable = false)
    private String approver;

    @Column(nullable = false, updatable = false)
    private boolean approved;

    @Column(nullable = false, updatable = false)
    private String comment;

    @Column(name = "decided_at", nullable = false, updatable = false)
    private Instant decidedAt;

    protected LoanDecision() {
    }

    LoanDecision(Loan loan, int step, Role role, String approver, boolean approved, String comment, Instant at) {
        this.id = UUID.randomUUID();
        this.loan = loan;
        this.step = step;
        this.role = role;
        this.approver = approver;
        this.approved = approved;
        this.comment = comment;
        this.decidedAt = at;
    }

    public int step() {
        return step;
    }

    public Role role() {
        return role;
    }

    public String approver() {
        return approver;
    }

    public boolean approved() {
        return approved;
    }

    public String comment() {
        return comment;
    }

    public Instant decidedAt() {
        return decidedAt;
    }
}
