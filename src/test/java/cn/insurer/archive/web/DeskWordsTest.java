package cn.insurer.archive.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.dossier.BusinessEvent;
import cn.insurer.archive.dossier.DossierStatus;
import cn.insurer.archive.dossier.DossierType;
import cn.insurer.archive.dossier.ExtractionState;
import cn.insurer.archive.loan.LoanKind;
import cn.insurer.archive.loan.LoanStatus;
import cn.insurer.archive.retention.Disposition;
import cn.insurer.archive.retention.LegalHold;
import cn.insurer.archive.retention.RetentionDecision;
import cn.insurer.archive.retention.RuleAction;
import cn.insurer.archive.retention.Trigger;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * People read words, never codes: every constant a page names through {@code t['prefix.' += …]},
 * every constant a message names, and every field a refusal names has its word in both languages.
 * A page that starts naming a new kind of constant fails here until its words are bundled.
 */
class DeskWordsTest {

    /** What each page prefix names. */
    private static final Map<String, List<? extends Enum<?>>> PAGE_ENUMS = Map.ofEntries(
            Map.entry("level.", List.of(SecurityLevel.values())),
            Map.entry("loan.kind.", List.of(LoanKind.values())),
            Map.entry("loan.status.", List.of(LoanStatus.values())),
            Map.entry("disposition.action.", Stream.concat(Stream.of(Disposition.Action.values()), Stream.of(RuleAction.values())).toList()),
            Map.entry("disposition.status.", List.of(Disposition.Status.values())),
            Map.entry("dossier.status.", List.of(DossierStatus.values())),
            Map.entry("dossier.type.", List.of(DossierType.values())),
            Map.entry("event.", List.of(BusinessEvent.values())),
            Map.entry("extraction.", List.of(ExtractionState.values())),
            Map.entry("role.", List.of(Role.values())),
            Map.entry("retention.state.", List.of(RetentionDecision.State.values())),
            Map.entry("retention.trigger.", List.of(Trigger.values())),
            Map.entry("audit.outcome.", List.of(Outcome.values())),
            Map.entry("inventory.status.", List.of(cn.insurer.archive.custody.Inventory.Status.values())));
    /** Prefixes naming fixed strings rather than constants of a Java type: the import_run status check, the registers, the search's facets, an audit detail's yes or no. */
    private static final Map<String, List<String>> PAGE_CODES = Map.of(
            "import.status.", List.of("RUNNING", "COMPLETED", "FAILED"),
            "report.name.", List.of("access-log", "custody-register", "destruction-register", "holds", "retention-due",
                    "transfer-register", "loan-register", "originals-register", "statistics", "claim-ledger"),
            "facet.", List.of("type", "productLine", "department", "securityLevel"),
            "audit.value.", List.of("true", "false"));
    /** The constants messages name as arguments. */
    private static final List<Class<? extends Enum<?>>> MESSAGE_ENUMS = List.of(SecurityLevel.class, LoanStatus.class,
            Disposition.Action.class, Disposition.Status.class, LegalHold.Status.class, DossierType.class);
    private static final Pattern PAGE_PREFIX = Pattern.compile("t\\['([a-zA-Z.]+\\.)' \\+= ");
    private static final Pattern JAVA_PREFIX = Pattern.compile("text\\.get\\(\"([a-zA-Z.]+\\.)\" \\+ ");
    private static final Pattern FIELD = Pattern.compile("new FieldError\\(\"([^\"]+)\"");
    private static final Pattern CHECKED_FIELD = Pattern.compile("\\w\\(\"([\\w.]+)\", [^()]*, errors\\)");

    private static ResourceBundle bundle(String name, Locale locale) {
        return ResourceBundle.getBundle(name, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static final List<ResourceBundle> UI = List.of(bundle("ui", Locale.SIMPLIFIED_CHINESE), bundle("ui", Locale.ENGLISH));

    private static Set<String> found(Path root, String suffix, Pattern pattern) {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                Matcher matcher = pattern.matcher(Files.readString(file));
                while (matcher.find()) {
                    found.add(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void everyConstantAPageNamesHasItsWordInBothLanguages() {
        Set<String> prefixes = found(Path.of("src/main/webapp"), ".xhtml", PAGE_PREFIX);
        prefixes.addAll(found(Path.of("src/main/java/cn/insurer/archive/web"), ".java", JAVA_PREFIX));
        prefixes.remove("field.");
        assertTrue(prefixes.contains("level.") && prefixes.contains("loan.kind."), prefixes::toString);
        List<String> missing = new ArrayList<>();
        for (String prefix : prefixes) {
            List<String> codes = PAGE_ENUMS.containsKey(prefix)
                    ? PAGE_ENUMS.get(prefix).stream().map(Enum::name).toList() : PAGE_CODES.get(prefix);
            if (codes == null) {
                missing.add(prefix + "* (a prefix this test does not know: name the type whose constants it shows)");
                continue;
            }
            for (String code : codes) {
                UI.stream().filter(bundle -> !bundle.containsKey(prefix + code)).forEach(bundle -> missing.add(prefix + code
                        + " in " + (bundle.getLocale().getLanguage().isEmpty() ? "en" : bundle.getLocale())));
            }
        }
        assertEquals(List.of(), missing);
    }

    /**
     * The fields refusals name: literals given to {@code FieldError}, fields checked by helpers that
     * collect errors ({@code part("room", room, errors)}), the import manifest's columns and the
     * dossier schemas' own fields.
     */
    private static Set<String> refusedFields() {
        Set<String> fields = found(Path.of("src/main/java"), ".java", FIELD);
        fields.addAll(found(Path.of("src/main/java"), ".java", CHECKED_FIELD));
        try {
            for (Field constant : Class.forName("cn.insurer.archive.ingest.ManifestColumns").getDeclaredFields()) {
                if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
                    constant.setAccessible(true);
                    fields.add((String) constant.get(null));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> schemas = Files.list(Path.of("schemas/metadata"))) {
            for (Path schema : schemas.filter(f -> f.toString().endsWith(".json")).toList()) {
                new ObjectMapper().readTree(schema.toFile()).get("properties").fieldNames().forEachRemaining(fields::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    @Test
    void everyFieldARefusalNamesIsShownByItsWordInBothLanguages() {
        Set<String> fields = refusedFields();
        assertTrue(fields.containsAll(List.of("days", "comment", "room", "claimNumber", "itemTitle", "lossDate")), fields::toString);
        List<String> shown = new ArrayList<>();
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            String unknown = Messages.fieldLabel(locale, "no.such.field");
            for (String field : fields) {
                String sentence = Messages.fieldProblem(locale, new FieldError(field, "validation.required"));
                String label = Messages.fieldLabel(locale, field);
                if (label.equals(unknown) || label.equals(field) || !sentence.startsWith(label)) {
                    shown.add(locale + " " + field + " reads " + sentence);
                }
            }
        }
        assertEquals(List.of(), shown);
        assertEquals("借阅天数：内部级档案最长借阅 30 天。", Messages.fieldProblem(Locale.SIMPLIFIED_CHINESE,
                new FieldError("days", "validation.loan.days.max", 30, SecurityLevel.INTERNAL)));
    }

    @Test
    void everyOperationARefusalNamesReadsAsItsOwnWords() {
        List<String> shown = new ArrayList<>();
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            String vague = Messages.get(locale, "problem.forbidden", new Messages.Operation("no.such.operation"));
            for (Permission permission : Permission.values()) {
                String sentence = ProblemException.forbidden("problem.forbidden", permission.operation()).args()[0] instanceof Messages.Operation op
                        ? Messages.get(locale, "problem.forbidden", op) : "not worded";
                if (sentence.contains(permission.operation()) || sentence.equals(vague) || sentence.matches(".*[a-z]+\\.[a-z]+.*")) {
                    shown.add(locale + " " + permission.operation() + " reads " + sentence);
                }
            }
        }
        assertEquals(List.of(), shown);
    }

    @Test
    void everyConstantAMessageNamesReadsAsAWord() {
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            for (Class<? extends Enum<?>> type : MESSAGE_ENUMS) {
                for (Enum<?> constant : type.getEnumConstants()) {
                    String word = Messages.enumName(locale, constant);
                    assertTrue(!word.equals(constant.name()) && !word.matches(".*[A-Z]{2,}.*"), type + "." + constant + " reads " + word);
                }
            }
        }
        assertEquals("内部级档案最长借阅 30 天。",
                Messages.get(Locale.SIMPLIFIED_CHINESE, "validation.loan.days.max", 30, SecurityLevel.INTERNAL));
    }
}
