package cn.insurer.archive.loan;

/** 借阅方式: online reading, a watermarked copy, or the paper original from the shelf. */
public enum LoanKind {
    VIEW,
    COPY,
    ORIGINAL
}
