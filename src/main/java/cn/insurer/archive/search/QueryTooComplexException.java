package cn.insurer.archive.search;

/**
 * The typed query expands into more clauses than a search may hold. The caller's to rephrase, not a
 * failure of the archive.
 */
public final class QueryTooComplexException extends RuntimeException {

    QueryTooComplexException(Throwable cause) {
        super("the query has too many clauses", cause);
    }
}
