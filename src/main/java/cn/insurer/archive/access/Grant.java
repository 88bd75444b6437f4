package cn.insurer.archive.access;

import java.util.UUID;

/** A loan that lets its borrower read something beyond their own standing. */
public record Grant(UUID loanId, String loanNumber, String kind) {
}
