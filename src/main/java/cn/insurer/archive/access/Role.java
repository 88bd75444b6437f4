package cn.insurer.archive.access;

/** The people who use the archive (GLOSSARY: People). */
public enum Role {
    CLERK,
    ADJUSTER,
    UNDERWRITER,
    DEPARTMENT_HEAD,
    ARCHIVE_MANAGER,
    AUDITOR,
    ADMIN
}
