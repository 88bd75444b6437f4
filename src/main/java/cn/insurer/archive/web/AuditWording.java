package cn.insurer.archive.web;

import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.dossier.FilePlan;
import cn.insurer.archive.dossier.TrailDisclosure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An audit event's details as people read them, wherever the desk shows them (the audit trail, a
 * dossier's history): a bundled name for each key, words for role, level, loan-kind and document
 * type codes, and what an id names instead of the id.
 */
@ApplicationScoped
public class AuditWording {

    /** Details that record what they concern by id, and the kind of target that names it. */
    private static final Map<String, String> TARGET_KINDS = Map.of("dossierId", "dossier", "dossiers", "dossier",
            "itemId", "item", "existingItemId", "item", "items", "item", "batch", "disposition", "importId", "import",
            "loanId", "loan", "loan", "loan");

    private static final Pattern IDS = Pattern.compile(
            "\\[?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(,\\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})*]?");

    @Inject
    UiText text;

    @Inject
    AuditTargets targets;

    @Inject
    FilePlan filePlan;

    public List<AuditDetails.Detail> details(String json) {
        return AuditDetails.of(json).stream().map(detail -> {
            String key = word("audit.detail.", detail.key());
            return new AuditDetails.Detail(key, unprefixed(key, values(detail.key(), detail.shown())),
                    unprefixed(key, values(detail.key(), detail.full())));
        }).toList();
    }

    /** "案卷：F01-…" rather than "案卷：案卷 F01-…" when a detail's name already says what its value names. */
    private static String unprefixed(String key, String value) {
        return value.startsWith(key + " ") ? value.substring(key.length() + 1) : value;
    }

    private String values(String key, String value) {
        String kind = TARGET_KINDS.get(key);
        if (kind != null && IDS.matcher(value).matches()) {
            // Ids read as what they name (案卷 PICC-…, 处置批次 CZ-…), as the target column does.
            return Arrays.stream(value.replaceAll("[\\[\\]\\s]", "").split(","))
                    .map(id -> targets.name(kind + ":" + id)).collect(Collectors.joining("、"));
        }
        if (key.equals(TrailDisclosure.WITHHELD)) {
            // Which members were left out, by their names ("题名、原因"), never their values.
            return Arrays.stream(value.replaceAll("[\\[\\]]", "").split(",\\s*")).map(member -> word("audit.detail.", member))
                    .collect(Collectors.joining("、"));
        }
        if (key.equals("documentType") || key.equals("previousDocumentType") || key.equals("missing")) {
            Map<String, String> names = documentTypeNames();
            return Arrays.stream(value.replaceAll("[\\[\\]]", "").split(",\\s*")).map(code -> names.getOrDefault(code, code))
                    .collect(Collectors.joining("、"));
        }
        if (key.equals("recordClass")) {
            return filePlan.classes().stream().filter(recordClass -> recordClass.code().equals(value))
                    .map(FilePlan.RecordClass::name).findFirst().orElse(value);
        }
        if (value.equals("true") || value.equals("false")) {
            return text.get("audit.value." + value);
        }
        String prefix = key.startsWith("role") ? "role." : key.startsWith("clearance") || key.equals("securityLevel")
                || key.equals("securityLevels") ? "level." : key.equals("kind") ? "loan.kind."
                : key.equals("types") || key.equals("type") ? "dossier.type."
                : key.equals("event") ? "event."
                : key.equals("sort") ? "search.order." : null;
        if (prefix != null) {
            return Arrays.stream(value.split(",\\s*")).map(code -> word(prefix, code)).collect(Collectors.joining("、"));
        }
        // A list of codes under any other key ("[DEPARTMENT_HEAD, ARCHIVE_MANAGER]") reads as their words when every one has a word.
        String inner = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        List<String> codes = Arrays.stream(inner.split(",\\s*")).toList();
        for (String codePrefix : List.of("role.", "level.", "loan.kind.")) {
            if (!inner.isBlank() && codes.stream().allMatch(code -> !word(codePrefix, code).equals(code))) {
                return codes.stream().map(code -> word(codePrefix, code)).collect(Collectors.joining("、"));
            }
        }
        return value;
    }

    /** The file plan's names of document types, of every dossier type. */
    private Map<String, String> documentTypeNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (DossierType type : DossierType.values()) {
            filePlan.recordClass(type).ifPresent(recordClass -> names.putAll(recordClass.documentTypes()));
        }
        return names;
    }

    private String word(String prefix, String code) {
        if (code.isEmpty()) {
            return code;
        }
        String word = text.get(prefix + code);
        return word.equals(prefix + code) ? code : word;
    }
}
