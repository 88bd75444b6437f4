package cn.insurer.archive.report;

import cn.insurer.archive.access.User;
import java.util.List;

/**
 * What every generated document states about itself: what it is, then labelled particulars such
 * as when, by whom and for which filter (or, for an item list, which dossier).
 */
public record ReportHeader(String title, List<Particular> particulars, List<ReportColumn> columns) {

    /** One labelled line of the header, e.g. 生成人 and the user's name. */
    public record Particular(String label, String value) {
    }

    /** Who generated a document, as printed on it: the name people know, the username beside it. */
    static String person(User user) {
        return user.displayName() + "（" + user.username() + "）";
    }

    static ReportHeader forRegister(String title, String generatedAt, String generatedBy, String filter,
                                    List<ReportColumn> columns) {
        return new ReportHeader(title, List.of(new Particular("生成时间", generatedAt),
                new Particular("生成人", generatedBy), new Particular("筛选条件", filter)), columns);
    }
}
