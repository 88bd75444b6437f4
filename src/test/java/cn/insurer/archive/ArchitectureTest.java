package cn.insurer.archive;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The developers' guide as rules: features never reach up into the REST layer or the desk, only
 * those two speak JAX-RS and Faces, features do not depend on each other in circles, each table
 * is written only by the package that owns it, time is read from the application's one clock, and
 * JSON is handled with one library, Jackson.
 */
class ArchitectureTest {

    private static final String ROOT = "cn.insurer.archive";

    /** Who owns each table; a table missing here fails {@link #everyTableHasAnOwner()}. */
    private static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("app_user", "access"), Map.entry("app_user_role", "access"), Map.entry("login_throttle", "access"),
            Map.entry("audit_event", "audit"), Map.entry("audit_head", "audit"),
            Map.entry("dossier", "dossier"), Map.entry("item", "dossier"), Map.entry("item_text", "dossier"),
            Map.entry("dossier_event", "dossier"), Map.entry("archival_counter", "dossier"),
            Map.entry("stored_object", "storage"),
            Map.entry("index_outbox", "search"),
            Map.entry("dossier_retention", "retention"), Map.entry("legal_hold", "retention"),
            Map.entry("legal_hold_dossier", "retention"), Map.entry("retention_extension", "retention"),
            Map.entry("disposition", "retention"),
            Map.entry("disposition_dossier", "retention"),
            Map.entry("disposition_kept_content", "retention"),
            Map.entry("custody_check", "custody"), Map.entry("custody_finding", "custody"), Map.entry("custody_alert", "custody"),
            Map.entry("inventory", "custody"), Map.entry("inventory_line", "custody"),
            Map.entry("loan", "loan"), Map.entry("loan_item", "loan"), Map.entry("loan_covered_item", "loan"),
            Map.entry("loan_decision", "loan"), Map.entry("notification", "loan"),
            Map.entry("import_run", "ingest"), Map.entry("import_progress", "ingest"), Map.entry("import_row", "ingest"), Map.entry("import_error", "ingest"),
            Map.entry("imported_file", "ingest"));

    /** Types whose {@code now()} reads the system's clock, as does {@code now(ZoneId)}. */
    private static final Set<String> DATED = Stream.of(Instant.class, LocalDate.class, LocalDateTime.class, LocalTime.class,
            ZonedDateTime.class, OffsetDateTime.class).map(Class::getName).collect(Collectors.toSet());

    private static final Pattern WRITE = Pattern.compile("\\b(?:insert\\s+into|update|delete\\s+from)\\s+([a-z_]+)\\b",
            Pattern.CASE_INSENSITIVE);

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void noFeatureImportsTheRestLayerOrTheDesk() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".api..", ROOT + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".web..")
                .check(classes);
    }

    @Test
    void onlyTheRestLayerAndTheDeskSpeakJaxRsAndFaces() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".api..", ROOT + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.faces..", "org.primefaces..")
                .check(classes);
    }

    @Test
    void theErrorVocabularyKnowsNothingOfHttp() {
        noClasses().that().resideInAPackage(ROOT + ".problem..")
                .should().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".problem..", "java..", "com.fasterxml.jackson..")
                .check(classes);
    }

    /**
     * JSON is read and written with Jackson alone, not also with JSON-P. JSON-B ({@code jakarta.json.bind})
     * is another matter: it is the server's binding of the REST layer's answers, whose failures that layer maps.
     */
    @Test
    void jsonIsHandledWithJacksonNotJsonP() {
        noClasses().should().dependOnClassesThat(resideInAPackage("jakarta.json..").and(resideOutsideOfPackage("jakarta.json.bind.."))
                        .as("are JSON-P (jakarta.json other than jakarta.json.bind)"))
                .check(classes);
    }

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Time is read from the application's clock ({@code platform.Clocks}), which tests move forward:
     * a read of the system's clock anywhere else would stay behind. Elapsed time is measured with
     * {@link System#nanoTime()}, which tells no date.
     */
    @Test
    void timeIsReadOnlyFromTheApplicationsClock() {
        noClasses().that().haveNameNotMatching(Pattern.quote(ROOT + ".platform.Clocks") + "(\\$.*)?")
                .should().callMethodWhere(DescribedPredicate.describe("it reads the system's clock",
                        (JavaMethodCall call) -> readsTheSystemClock(call.getTarget())))
                .check(classes);
    }

    /** Entities are made (and so their rows inserted) only by the package that owns their table. */
    @Test
    void entitiesAreCreatedOnlyInTheirOwnPackage() {
        classes().should(new ArchCondition<JavaClass>("create only entities of their own package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (JavaConstructorCall call : origin.getConstructorCallsFromSelf()) {
                    JavaClass target = call.getTargetOwner();
                    if (target.isAnnotatedWith(Entity.class) && !feature(target).equals(feature(origin))) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                }
            }
        }).check(classes);
    }

    /** An entity's state changes (its void methods) only through its own package, which owns its table. */
    @Test
    void entitiesAreChangedOnlyByTheirOwnPackage() {
        classes().should(new ArchCondition<JavaClass>("change only entities of their own package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (JavaMethodCall call : origin.getMethodCallsFromSelf()) {
                    JavaClass target = call.getTargetOwner();
                    if (target.isAnnotatedWith(Entity.class) && call.getTarget().getRawReturnType().getName().equals("void")
                            && !feature(target).equals(feature(origin))) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                }
            }
        }).check(classes);
    }

    /**
     * SQL that writes a table (insert, update, delete) appears only in the owning package. Table
     * names live in string constants, which bytecode rules do not see, so the sources are read.
     */
    @Test
    void onlyTheOwningPackageWritesItsTables() throws IOException {
        List<String> violations = new ArrayList<>();
        Path sources = Path.of("src/main/java", ROOT.split("\\."));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String feature = sources.relativize(file).getName(0).toString();
                Matcher writes = WRITE.matcher(read(file));
                while (writes.find()) {
                    String table = writes.group(1).toLowerCase();
                    String owner = OWNERS.get(table);
                    if (owner != null && !owner.equals(feature)) {
                        violations.add(sources.relativize(file) + " writes " + table + ", owned by " + owner);
                    }
                }
            });
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void everyTableHasAnOwner() throws IOException {
        Pattern created = Pattern.compile("create\\s+table\\s+([a-z_]+)", Pattern.CASE_INSENSITIVE);
        TreeSet<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("schemas/db"))) {
            files.filter(file -> file.toString().endsWith(".sql"))
                    .forEach(file -> created.matcher(read(file)).results().forEach(match -> tables.add(match.group(1).toLowerCase())));
        }
        assertTrue(tables.size() > 20, "the migrations were read: " + tables);
        assertEquals(new TreeSet<>(OWNERS.keySet()), tables);
    }

    private static boolean readsTheSystemClock(AccessTarget.MethodCallTarget target) {
        String owner = target.getOwner().getName();
        if (owner.equals(System.class.getName())) {
            return target.getName().equals("currentTimeMillis");
        }
        List<JavaClass> parameters = target.getRawParameterTypes();
        return DATED.contains(owner) && target.getName().equals("now")
                && (parameters.isEmpty() || parameters.get(0).isEquivalentTo(ZoneId.class));
    }

    private static String feature(JavaClass type) {
        String name = type.getPackageName();
        String rest = name.length() > ROOT.length() ? name.substring(ROOT.length() + 1) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
