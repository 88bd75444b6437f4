package cn.insurer.archive.report;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The filter every register accepts: a time window (from inclusive, to exclusive) and an actor,
 * and the reader's scope, which {@link Registers} sets from the reader's clearance and department,
 * with the reader, for a register whose rows are decided record by record (the access log).
 */
public record ReportFilter(Instant from, Instant to, String actor, AccessPolicy.ReadScope scope, User reader) {

    /** Until {@link Registers} confines it to its reader, a filter reads nothing: a forgotten scope must not mean all. */
    private static final AccessPolicy.ReadScope NOTHING = new AccessPolicy.ReadScope(List.of(), false, null);

    /** The filter as the reader asked for it. */
    public ReportFilter(Instant from, Instant to, String actor) {
        this(from, to, actor, NOTHING, null);
    }

    /** A filter confined to a scope, for a register read outside {@link Registers} (a box's list). */
    public ReportFilter(Instant from, Instant to, String actor, AccessPolicy.ReadScope scope) {
        this(from, to, actor, scope, null);
    }

    public ReportFilter {
        scope = scope == null ? NOTHING : scope;
    }

    ReportFilter confinedTo(AccessPolicy.ReadScope readerScope, User reader) {
        return new ReportFilter(from, to, actor, readerScope, reader);
    }

    /**
     * The filter in words for the document's header and the audit trail, times as the archive shows
     * them, so a reader knows which period and whose actions the register covers, and that it is
     * limited to their clearance.
     */
    String describe(Function<Instant, String> time) {
        String period = from == null && to == null ? "不限"
                : (from == null ? "不限" : time.apply(from)) + " 至 " + (to == null ? "不限" : time.apply(to));
        return "时间：" + period + "；操作人：" + (actor == null || actor.isBlank() ? "不限" : actor)
                + "；密级：" + levels() + "；部门：" + departments();
    }

    private String levels() {
        if (scope.nothing()) {
            return "无";
        }
        return scope.levels().stream().sorted().map(ReportFilter::levelName).collect(Collectors.joining("、"));
    }

    private String departments() {
        if (scope.nothing()) {
            return "无";
        }
        return scope.allDepartments() ? "全部" : scope.department();
    }

    static String levelName(SecurityLevel level) {
        return level.chineseName();
    }
}
