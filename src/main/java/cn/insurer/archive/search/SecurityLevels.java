package cn.insurer.archive.search;

import java.util.List;

/** Ordering of security levels, for deriving the level an item hit is reported with. */
final class SecurityLevels {

    private static final List<String> ASCENDING = List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL", "SECRET");

    private SecurityLevels() {
    }

    /**
     * The stricter of two levels. An item is never easier to reach than its dossier, so the
     * caller's single check on a hit's level cannot grant more than the dossier allows. A level
     * outside the known set counts as strictest, so a caller that does not recognise it refuses.
     */
    static String stricter(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        if (b == null || b.isBlank()) {
            return a;
        }
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(String level) {
        int index = ASCENDING.indexOf(level);
        return index < 0 ? ASCENDING.size() : index;
    }
}
