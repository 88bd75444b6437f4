package cn.insurer.archive.retention;

import cn.insurer.archive.dossier.DossierType;
import java.util.List;
import java.util.Set;

/**
 * One rule of a retention policy file. A rule naming document types covers the dossiers holding
 * such an item; otherwise it covers dossiers of its dossier types. {@code years} is null for a
 * permanent rule.
 */
public record RetentionRule(String id, String name, String policyVersion, String file, int line,
                            Set<String> recordCategories, Set<DossierType> dossierTypes, Set<String> documentTypes,
                            Conditions conditions, Trigger trigger, Integer years, RuleAction action, String basis) {

    public boolean permanent() {
        return years == null;
    }

    public boolean coversDocuments() {
        return !documentTypes.isEmpty();
    }

    /**
     * Extra conditions on the dossier. Policy term bounds are in years: {@code termMaxYears} for
     * "one year or less", {@code termOverYears} for "longer than one year"; {@code disputed} asks
     * for a dispute having been opened.
     */
    public record Conditions(Integer termMaxYears, Integer termOverYears, Boolean disputed) {

        public static final Conditions NONE = new Conditions(null, null, null);

        public List<String> describe() {
            List<String> parts = new java.util.ArrayList<>();
            if (termMaxYears != null) {
                parts.add("policyTermYears<=" + termMaxYears);
            }
            if (termOverYears != null) {
                parts.add("policyTermYears>" + termOverYears);
            }
            if (disputed != null) {
                parts.add("disputed=" + disputed);
            }
            return parts;
        }
    }
}
