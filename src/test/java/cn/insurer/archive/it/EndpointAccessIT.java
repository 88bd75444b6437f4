package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every operation the server lists in {@code /openapi}, every page of the web desk and every desk
 * download, called as every role, against an expectation table written from the archive's rules as
 * its documents state them (README "What it does today", the REST contract API.md, the glossary's
 * roles), not from the code's own table. An operation, page or download without an expectation
 * fails the test, so the next endpoint cannot forget its access check; a refusal must be a 403 (the
 * desk sends the user home with it) and must be in the audit trail as ACCESS_DENIED.
 *
 * <p>The callers hold SECRET clearance in the department owning the fixtures, so that the role
 * alone decides; three more callers hold the departmental roles in another department, for the
 * rules that depend on the record's department. Calls that would change something are made with
 * a body that breaks a rule (a 400 or 422 then proves the check passed) or against fixtures in a
 * state that refuses the change (409).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndpointAccessIT extends ServerTestBase {

    private static final String OWNER = "理赔部";
    private static final String ELSEWHERE = "承保部";
    private static final List<String> LEVELS = List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL", "SECRET");
    private static final List<String> ROLES = List.of("CLERK", "ADJUSTER", "UNDERWRITER", "DEPARTMENT_HEAD", "ARCHIVE_MANAGER",
            "AUDITOR", "ADMIN");
    /** Roles that read the whole archive within their clearance (README: archive staff and auditors). */
    private static final Set<String> ARCHIVE_WIDE = Set.of("CLERK", "ARCHIVE_MANAGER", "AUDITOR");
    /** Roles that read their own department's records within their clearance. */
    private static final Set<String> DEPARTMENTAL = Set.of("ADJUSTER", "UNDERWRITER", "DEPARTMENT_HEAD");
    private static final String REFUSAL_ON_PAGE = "ui-messages-error";
    private static final Path REPORT = Path.of(System.getProperty("archive.it.dir", "target/it")).getParent()
            .resolve("endpoint-access.txt");

    /** One caller: a role, a clearance, a department. */
    record Caller(String role, String clearance, String department, Users.Account account) {

        String username() {
            return account.username();
        }

        ApiClient api() {
            return account.api();
        }

        String label() {
            return department.equals(OWNER) ? role : role + "@" + department;
        }
    }

    /** Who may call an operation, as the rules say, decided for one caller. */
    record Rule(String name, Predicate<Caller> allows) {

        Rule and(Rule other) {
            return new Rule(name + " and " + other.name, caller -> allows.test(caller) && other.allows.test(caller));
        }

        Rule or(Rule other) {
            return new Rule(name + " or " + other.name, caller -> allows.test(caller) || other.allows.test(caller));
        }
    }

    private static Rule roles(String... roles) {
        Set<String> allowed = Set.of(roles);
        return new Rule(String.join("|", roles), caller -> allowed.contains(caller.role()));
    }

    /** Signed in, whoever it is; what such an operation answers is confined to the caller. */
    private static final Rule ANY_SIGNED_IN = new Rule("ANY_SIGNED_IN", caller -> true);

    /** No sign-in needed. */
    private static final Rule PUBLIC = new Rule("PUBLIC", caller -> true);

    /**
     * RECORD: the access rule of README and AccessMatrixIT: clearance covering the level, and the
     * owning department or an archive-wide role; ADMIN administers users and reads no content.
     */
    private static Rule reads(String level, String department) {
        return new Rule("RECORD(" + level + "@" + department + ")", caller -> !caller.role().equals("ADMIN")
                && LEVELS.indexOf(caller.clearance()) >= LEVELS.indexOf(level)
                && (ARCHIVE_WIDE.contains(caller.role())
                || DEPARTMENTAL.contains(caller.role()) && caller.department().equals(department)));
    }

    private static Rule user(String username, String who) {
        return new Rule(who, caller -> caller.username().equals(username));
    }

    private static Rule departmentHeadOf(String department) {
        return new Rule("DEPARTMENT_HEAD@" + department,
                caller -> caller.role().equals("DEPARTMENT_HEAD") && caller.department().equals(department));
    }

    /** An HTTP request, with ids of real objects. */
    record Call(String method, String path, String contentType, byte[] body) {

        static Call get(String path) {
            return new Call("GET", path, null, null);
        }

        static Call json(String method, String path, String json) {
            return new Call(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        HttpRequest.Builder on(ApiClient client) {
            HttpRequest.Builder builder = client.builder(path);
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        }
    }

    /**
     * One expectation: an operation (method and path template as /openapi lists it), a variant when
     * the operation is tried more than once, who may call it, the request, and, for answers confined
     * to the caller, a string that only callers of {@code secretRule} may see in the answer.
     */
    record Case(String operation, String variant, Rule rule, Call call, String secret, Rule secretRule) {

        String label() {
            return variant == null ? operation : operation + " [" + variant + "]";
        }
    }

    /** A refusal that must be in the audit trail: the caller's ACCESS_DENIED event falls within the call. */
    record Refusal(Caller caller, String what, Instant start, Instant end) {
    }

    private static final List<Caller> CALLERS = new ArrayList<>();
    private static ApiClient fixtureClerk;
    private static ApiClient fixtureManager;
    private static ApiClient fixtureAuditor;
    private static String subject;
    private static String claimNumber;
    private static String marker;
    private static String dossier;
    private static String item;
    private static String sealed;
    private static String hold;
    private static String loan;
    /** A second request of the same borrower: its cancellation leaves {@link #loan} waiting for its approvers. */
    private static String cancellable;
    private static Caller borrower;
    private static String disposition;
    private static String custodyCheck;
    private static String alert;
    private static String importRun;
    private static Caller importStarter;

    @BeforeAll
    static void fixtures() throws IOException {
        Files.deleteIfExists(REPORT);
        for (String role : ROLES) {
            CALLERS.add(caller(role, OWNER));
        }
        // The callers of another department go before ADMIN, whose allowed calls include an index rebuild.
        Caller admin = CALLERS.remove(CALLERS.size() - 1);
        for (String role : List.of("ADJUSTER", "UNDERWRITER", "DEPARTMENT_HEAD")) {
            CALLERS.add(caller(role, ELSEWHERE));
        }
        CALLERS.add(admin);
        borrower = callerOf("ADJUSTER", OWNER);
        importStarter = callerOf("CLERK", OWNER);

        fixtureClerk = Users.create("ep-fxclerk", "SECRET", "档案室", "CLERK");
        fixtureManager = Users.create("ep-fxmanager", "SECRET", "档案室", "ARCHIVE_MANAGER");
        fixtureAuditor = Users.create("ep-fxauditor", "SECRET", "稽核部", "AUDITOR");
        subject = Users.account("ep-subject", "INTERNAL", OWNER, "ADJUSTER").username();

        marker = "端点" + Users.unique("m").replaceAll("[^0-9a-f]", "");
        ObjectNode claim = Dossiers.claim("车险", OWNER, "CONFIDENTIAL");
        claimNumber = claim.get("claimNumber").asText();
        dossier = Dossiers.create(fixtureClerk, claim).get("id").asText();
        ApiClient.Reply uploaded = fixtureClerk.upload(dossier, (marker + " 查勘记录 车辆受损情况").getBytes(StandardCharsets.UTF_8),
                "查勘记录.txt", Dossiers.itemMetadata("查勘记录", "SURVEY_REPORT"));
        assertEquals(201, uploaded.status(), uploaded::toString);
        item = uploaded.json().get("id").asText();

        sealed = Dossiers.create(fixtureClerk, Dossiers.claim("车险", OWNER, "INTERNAL")).get("id").asText();
        expect(201, fixtureClerk.post("/api/dossiers/" + sealed + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2025-07-01")));
        expect(200, fixtureManager.post("/api/dossiers/" + sealed + "/seal", Map.of("exceptionReason", "原件待补，先行归档")));
        hold = expect(201, fixtureManager.post("/api/holds", Map.of("reason", "诉讼保全", "caseReference",
                "（2025）沪0101民初" + marker + "号", "dossierIds", List.of(sealed)))).get("id").asText();

        loan = expect(201, borrower.api().post("/api/loans", Map.of("dossierId", dossier, "purpose", "类似案件参考",
                "kind", "VIEW", "days", 3))).get("id").asText();
        cancellable = expect(201, borrower.api().post("/api/loans", Map.of("dossierId", dossier, "purpose", "类似案件参考（另一申请）",
                "kind", "VIEW", "days", 3))).get("id").asText();

        disposition = executedDestruction();

        custodyCheck = expect(202, fixtureManager.post("/api/custody/checks", "")).get("id").asText();
        Await.until(() -> ApiClient.JSON.getNodeFactory().numberNode(fixtureManager.get("/api/custody/checks/" + custodyCheck).status()),
                status -> status.asInt() == 200);
        alert = UUID.randomUUID().toString();
        Database.query("insert into custody_alert (id, check_id, raised_at, findings, summary, acknowledged_by, acknowledged_at) "
                + "values (?::uuid, ?::uuid, now(), 1, '端点测试告警', 'ep-fixture', now()) returning id", alert, custodyCheck);

        String number = ImportPackageBuilder.claimNumber();
        byte[] zip = new ImportPackageBuilder().csv(List.of(ImportPackageBuilder.CHINESE_HEADINGS,
                ImportPackageBuilder.claimRow(number, "出险通知书", "FIRST_NOTICE_OF_LOSS", "scans/" + number + "/缺失.txt"))).zip();
        importRun = ImportRuns.start(importStarter.api(), zip);

        // Search confinement is only a test once the hit exists for those who may see it.
        Await.until(() -> fixtureClerk.get(ApiClient.query("/api/search", Map.of("q", marker))).json(),
                result -> result.toString().contains(item));
    }

    private static Caller caller(String role, String department) {
        String prefix = "ep-" + role.toLowerCase(Locale.ROOT).replace("_", "") + (department.equals(OWNER) ? "" : "-x");
        return new Caller(role, "SECRET", department, Users.account(prefix, "SECRET", department, role));
    }

    private static Caller callerOf(String role, String department) {
        return CALLERS.stream().filter(c -> c.role().equals(role) && c.department().equals(department)).findFirst().orElseThrow();
    }

    private static JsonNode expect(int status, ApiClient.Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
        return reply.json();
    }

    /** A sealed policy due since 2015, destroyed through both signatures: the batch then refuses every further step. */
    private static String executedDestruction() {
        ObjectNode policy = Dossiers.underwriting("家财险", OWNER).put("policyStart", "2010-01-01").put("policyEnd", "2010-12-31");
        String doomed = Dossiers.create(fixtureClerk, policy).get("id").asText();
        expect(201, fixtureClerk.post("/api/dossiers/" + doomed + "/events", Map.of("event", "POLICY_TERMINATED", "date", "2010-12-31")));
        Dossiers.seal(fixtureManager, doomed);
        String batch = expect(201, fixtureManager.post("/api/dispositions", Map.of("dossierIds", List.of(doomed), "action", "DESTROY",
                "appraisal", "经鉴定，该保单档案已超过保管期限，无继续保存价值，同意销毁。"))).get("id").asText();
        expect(200, fixtureManager.post("/api/dispositions/" + batch + "/approve", ""));
        expect(200, fixtureAuditor.post("/api/dispositions/" + batch + "/approve", ""));
        assertEquals("EXECUTED", expect(200, fixtureManager.post("/api/dispositions/" + batch + "/execute", "")).get("status").asText());
        return batch;
    }

    // ------------------------------------------------------------------------------------------
    // The expectation table, from the documents.
    // ------------------------------------------------------------------------------------------

    /** Filing: CLERK files and seals (glossary), ARCHIVE_MANAGER with them (README: location, bulk import, sealing exceptions). */
    private static final Rule FILERS = roles("CLERK", "ARCHIVE_MANAGER");
    /** Retention, holds listing, dispositions, custody (README and API.md: ARCHIVE_MANAGER, AUDITOR). */
    private static final Rule OVERSIGHT = roles("ARCHIVE_MANAGER", "AUDITOR");
    /** Placing and releasing holds, proposing and executing dispositions, custody checks. */
    private static final Rule MANAGER = roles("ARCHIVE_MANAGER");
    private static final Rule AUDITOR = roles("AUDITOR");
    private static final Rule ADMIN = roles("ADMIN");
    /** Everyone who works with records may ask for a loan; ADMIN administers users and reads nothing. */
    private static final Rule BORROWERS = roles("CLERK", "ADJUSTER", "UNDERWRITER", "DEPARTMENT_HEAD", "ARCHIVE_MANAGER", "AUDITOR");

    /** Registers (README "Registers"): the access log for AUDITOR; every other register for AUDITOR and ARCHIVE_MANAGER. */
    private static final Map<String, Rule> REGISTERS = registers();

    private static Map<String, Rule> registers() {
        Map<String, Rule> registers = new LinkedHashMap<>();
        registers.put("access-log", AUDITOR);
        for (String name : List.of("loan-register", "retention-due", "destruction-register", "transfer-register", "holds",
                "custody-register", "originals-register", "statistics", "claim-ledger")) {
            registers.put(name, roles("AUDITOR", "ARCHIVE_MANAGER"));
        }
        return registers;
    }

    private static Rule readsDossier() {
        return reads("CONFIDENTIAL", OWNER);
    }

    /**
     * A loan is seen by its borrower, the approvers of its chain (the owning department's head, the
     * archive manager), the archive desk that hands out originals (CLERK) and auditors (loan register).
     */
    private static Rule loanParties() {
        return user(borrower.username(), "borrower").or(departmentHeadOf(OWNER)).or(roles("CLERK", "ARCHIVE_MANAGER", "AUDITOR"));
    }

    /** A requested CONFIDENTIAL loan waits for the owning department's head; nobody decides their own. */
    private static Rule nextApprover() {
        return departmentHeadOf(OWNER).and(new Rule("not the borrower", caller -> !caller.username().equals(borrower.username())));
    }

    /** The borrower gives back; the archive desk checks originals back in. */
    private static Rule returners() {
        return user(borrower.username(), "borrower").or(roles("CLERK", "ARCHIVE_MANAGER"));
    }

    /** README: an import is followed by the clerk who started it, the archive manager and auditors. */
    private static Rule importFollowers() {
        return user(importStarter.username(), "its starter").or(roles("ARCHIVE_MANAGER", "AUDITOR"));
    }

    private static List<Case> operations() {
        List<Case> cases = new ArrayList<>();
        Rule readsDossier = readsDossier();
        String d = "/api/dossiers/" + dossier;

        // Users (API.md: ADMIN).
        add(cases, "POST /api/users", ADMIN, Call.json("POST", "/api/users", "{}"));
        add(cases, "GET /api/users/{username}", ADMIN, Call.get("/api/users/" + subject));
        add(cases, "PATCH /api/users/{username}", ADMIN, Call.json("PATCH", "/api/users/" + subject, "{\"roles\":[]}"));

        // Dossiers and items (API.md: CLERK files; readers need access).
        add(cases, "POST /api/dossiers", FILERS, Call.json("POST", "/api/dossiers", "{}"));
        confined(cases, "GET /api/dossiers", Call.get("/api/dossiers?businessKey=" + claimNumber), dossier, readsDossier);
        add(cases, "GET /api/dossiers/{id}", readsDossier, Call.get(d));
        add(cases, "GET /api/dossiers/{id}/similar", readsDossier, Call.get(d + "/similar"));
        add(cases, "PATCH /api/dossiers/{id}", FILERS.and(readsDossier), Call.json("PATCH", d, "{}"));
        add(cases, "GET /api/dossiers/{id}/item-list", readsDossier, Call.get(d + "/item-list?format=csv"));
        add(cases, "POST /api/dossiers/{id}/seal", FILERS.and(reads("INTERNAL", OWNER)),
                Call.json("POST", "/api/dossiers/" + sealed + "/seal", ""));
        add(cases, "POST /api/dossiers/{id}/events", FILERS.and(readsDossier), Call.json("POST", d + "/events", "{}"));
        add(cases, "PUT /api/dossiers/{id}/location", FILERS.and(readsDossier), Call.json("PUT", d + "/location", "{}"));
        add(cases, "POST /api/dossiers/{id}/items", FILERS.and(readsDossier), uploadWithoutFile(d + "/items"));
        add(cases, "POST /api/dossiers/{id}/supplements", MANAGER.and(reads("INTERNAL", OWNER)),
                uploadWithoutFile("/api/dossiers/" + sealed + "/supplements"));
        add(cases, "GET /api/items/{id}", readsDossier, Call.get("/api/items/" + item));
        add(cases, "GET /api/items/{id}/content", readsDossier, Call.get("/api/items/" + item + "/content"));
        add(cases, "GET /api/items/{id}/text", readsDossier, Call.get("/api/items/" + item + "/text"));
        // An empty title is refused (422) while the dossier is open, the whole change (409) once sealed: nothing changes.
        add(cases, "PATCH /api/items/{id}", FILERS.and(readsDossier), Call.json("PATCH", "/api/items/" + item, "{\"title\": \"\"}"));
        add(cases, "POST /api/items/{id}/withdrawal", FILERS.and(readsDossier),
                Call.json("POST", "/api/items/" + item + "/withdrawal", "{}"));
        add(cases, "POST /api/items/{id}/extraction/retry", FILERS.and(readsDossier),
                Call.json("POST", "/api/items/" + item + "/extraction/retry", ""));
        add(cases, "GET /api/file-plan", ANY_SIGNED_IN, Call.get("/api/file-plan"));

        // Search (API.md: any reader, confined to what the caller may read; README: rebuild for ADMIN).
        confined(cases, "GET /api/search", Call.get(ApiClient.query("/api/search", Map.of("q", marker))), item, readsDossier);
        add(cases, "POST /api/admin/index/rebuild", ADMIN, Call.json("POST", "/api/admin/index/rebuild", ""));
        add(cases, "GET /api/admin/index", ADMIN, Call.get("/api/admin/index"));

        // Audit trail and registers (README: AUDITOR; registers as listed there).
        add(cases, "GET /api/audit", AUDITOR, Call.get("/api/audit?size=1"));
        add(cases, "GET /api/audit/verify", AUDITOR, Call.get("/api/audit/verify"));
        REGISTERS.forEach((name, rule) -> cases.add(new Case("GET /api/reports/{name}", name, rule,
                Call.get("/api/reports/" + name + "?format=csv"), null, null)));

        // Loans (API.md, README, glossary).
        add(cases, "POST /api/loans", BORROWERS, Call.json("POST", "/api/loans", "{}"));
        confined(cases, "GET /api/loans", Call.get("/api/loans?size=200"), loan, loanParties());
        add(cases, "GET /api/loans/{id}", loanParties(), Call.get("/api/loans/" + loan));
        add(cases, "GET /api/loans/{id}/slip", loanParties(), Call.get("/api/loans/" + loan + "/slip"));
        add(cases, "POST /api/loans/{id}/approve", nextApprover(), Call.json("POST", "/api/loans/" + loan + "/approve", "{}"));
        add(cases, "POST /api/loans/{id}/reject", nextApprover(), Call.json("POST", "/api/loans/" + loan + "/reject", "{}"));
        add(cases, "POST /api/loans/{id}/return", returners(), Call.json("POST", "/api/loans/" + loan + "/return", ""));
        add(cases, "POST /api/loans/{id}/cancel", user(borrower.username(), "borrower"),
                Call.json("POST", "/api/loans/" + cancellable + "/cancel", ""));
        add(cases, "POST /api/loans/sweep", MANAGER, Call.json("POST", "/api/loans/sweep", ""));
        // A renewal is the borrower's own (409 here: the loan is not in force); moving paper is the archive's desk (422: nothing scanned).
        add(cases, "POST /api/loans/{id}/renewal", user(borrower.username(), "borrower"),
                Call.json("POST", "/api/loans/" + loan + "/renewal", "{}"));
        add(cases, "POST /api/loans/{id}/hand-out", FILERS, Call.json("POST", "/api/loans/" + loan + "/hand-out", "{}"));
        add(cases, "POST /api/loans/{id}/check-in", FILERS, Call.json("POST", "/api/loans/" + loan + "/check-in", "{}"));
        // Labels (README "Paper originals"): 422 for those who may print them, as nothing is named.
        add(cases, "GET /api/labels/covers", FILERS, Call.get("/api/labels/covers"));
        add(cases, "GET /api/labels/box", FILERS, Call.get("/api/labels/box"));
        // 盘点 (README "Paper originals"): 422 for those who may take one, as nothing sealed lies in a room of that name.
        add(cases, "POST /api/inventories", FILERS, Call.json("POST", "/api/inventories", "{\"room\": \"端点测试不存在的库房\"}"));
        add(cases, "GET /api/inventories", roles("CLERK", "ARCHIVE_MANAGER", "AUDITOR"), Call.get("/api/inventories"));
        String inventory = "/api/inventories/" + UUID.randomUUID();
        add(cases, "GET /api/inventories/{id}", roles("CLERK", "ARCHIVE_MANAGER", "AUDITOR"), Call.get(inventory));
        add(cases, "GET /api/inventories/{id}/lines", roles("CLERK", "ARCHIVE_MANAGER", "AUDITOR"), Call.get(inventory + "/lines"));
        add(cases, "POST /api/inventories/{id}/scans", FILERS, Call.json("POST", inventory + "/scans", "{}"));
        add(cases, "POST /api/inventories/{id}/close", FILERS, Call.json("POST", inventory + "/close", ""));
        add(cases, "GET /api/loans/originals-out", roles("CLERK", "ARCHIVE_MANAGER", "AUDITOR"), Call.get("/api/loans/originals-out"));

        // Retention, holds and disposition (API.md: ARCHIVE_MANAGER, AUDITOR; README: holds placed and released by ARCHIVE_MANAGER).
        add(cases, "GET /api/retention/rules", OVERSIGHT, Call.get("/api/retention/rules"));
        add(cases, "GET /api/retention/due", OVERSIGHT, Call.get("/api/retention/due"));
        add(cases, "POST /api/retention/extensions", MANAGER, Call.json("POST", "/api/retention/extensions", "{}"));
        add(cases, "POST /api/holds", MANAGER, Call.json("POST", "/api/holds", "{}"));
        add(cases, "GET /api/holds", OVERSIGHT, Call.get("/api/holds"));
        add(cases, "GET /api/holds/{id}", OVERSIGHT, Call.get("/api/holds/" + hold));
        add(cases, "POST /api/holds/{id}/release", MANAGER, Call.json("POST", "/api/holds/" + hold + "/release", "{}"));
        String batch = "/api/dispositions/" + disposition;
        add(cases, "POST /api/dispositions", MANAGER, Call.json("POST", "/api/dispositions", "{}"));
        add(cases, "GET /api/dispositions", OVERSIGHT, Call.get("/api/dispositions"));
        add(cases, "GET /api/dispositions/{id}", OVERSIGHT, Call.get(batch));
        add(cases, "POST /api/dispositions/{id}/approve", OVERSIGHT, Call.json("POST", batch + "/approve", ""));
        add(cases, "POST /api/dispositions/{id}/execute", MANAGER, Call.json("POST", batch + "/execute", ""));
        add(cases, "GET /api/dispositions/{id}/package", OVERSIGHT, Call.get(batch + "/package"));
        add(cases, "GET /api/dispositions/{id}/certificate", OVERSIGHT, Call.get(batch + "/certificate"));

        // Custody checks (README: started by ARCHIVE_MANAGER; their results and alerts also for AUDITOR).
        add(cases, "POST /api/custody/checks", MANAGER, Call.json("POST", "/api/custody/checks", ""));
        add(cases, "GET /api/custody/checks/{id}", OVERSIGHT, Call.get("/api/custody/checks/" + custodyCheck));
        add(cases, "GET /api/custody/alerts", OVERSIGHT, Call.get("/api/custody/alerts"));
        add(cases, "POST /api/custody/alerts/{id}/acknowledge", MANAGER,
                Call.json("POST", "/api/custody/alerts/" + alert + "/acknowledge", ""));

        // Bulk import (README: CLERK and ARCHIVE_MANAGER start; its starter, the archive manager and auditors follow).
        cases.add(new Case("POST /api/imports", "folder", FILERS, Call.json("POST", "/api/imports", "{}"), null, null));
        cases.add(new Case("POST /api/imports", "zip", FILERS,
                new Call("POST", "/api/imports", "application/zip", "not a zip".getBytes(StandardCharsets.UTF_8)), null, null));
        add(cases, "GET /api/imports/{id}", importFollowers(), Call.get("/api/imports/" + importRun));
        add(cases, "GET /api/imports/{id}/errors", importFollowers(), Call.get("/api/imports/" + importRun + "/errors"));

        // The test clock (README: ADMIN).
        add(cases, "GET /api/admin/clock", ADMIN, Call.get("/api/admin/clock"));
        add(cases, "POST /api/admin/clock", ADMIN, Call.json("POST", "/api/admin/clock", "{}"));
        return cases;
    }

    private static void add(List<Case> cases, String operation, Rule rule, Call call) {
        cases.add(new Case(operation, null, rule, call, null, null));
    }

    private static void confined(List<Case> cases, String operation, Call call, String secret, Rule secretRule) {
        cases.add(new Case(operation, null, ANY_SIGNED_IN, call, secret, secretRule));
    }

    /** A metadata part without a file: refused as incomplete once the role check has passed. */
    private static Call uploadWithoutFile(String path) {
        String boundary = "----endpointaccess";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json; charset=UTF-8\r\n\r\n{\"title\":\"查勘记录\",\"documentType\":\"SURVEY_REPORT\"}\r\n--"
                + boundary + "--\r\n";
        return new Call("POST", path, "multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
    }

    /** How a desk page refuses: by sending the user home with the reason, or by saying so in place (a record). */
    enum Refuses { HOME, IN_PLACE }

    record DeskPage(String file, String query, Rule rule, Refuses refuses, String secret) {
    }

    /** The desk's pages (README "Web desk"): each page under the rule of the API operations it serves. */
    private static Map<String, DeskPage> deskPages() {
        Map<String, DeskPage> pages = new TreeMap<>();
        page(pages, "audit.xhtml", "", AUDITOR);
        page(pages, "dossier-new.xhtml", "", FILERS);
        pages.put("dossier.xhtml", new DeskPage("dossier.xhtml", "?id=" + dossier, readsDossier(), Refuses.IN_PLACE, claimNumber));
        page(pages, "file-plan.xhtml", "", ANY_SIGNED_IN);
        page(pages, "home.xhtml", "", ANY_SIGNED_IN);
        page(pages, "imports.xhtml", "", FILERS);
        page(pages, "inbox.xhtml", "", roles("DEPARTMENT_HEAD", "ARCHIVE_MANAGER"));
        page(pages, "originals.xhtml", "", FILERS);
        page(pages, "statistics.xhtml", "", OVERSIGHT);
        page(pages, "inventory.xhtml", "", FILERS);
        page(pages, "insured.xhtml", "?name=" + URLEncoder.encode("张伟", StandardCharsets.UTF_8), ANY_SIGNED_IN);
        page(pages, "loan-request.xhtml", "?dossier=" + dossier + "&title=" + URLEncoder.encode("查勘记录", StandardCharsets.UTF_8),
                BORROWERS);
        page(pages, "login.xhtml", "", PUBLIC);
        page(pages, "reports.xhtml", "", OVERSIGHT);
        page(pages, "retention.xhtml", "", OVERSIGHT);
        page(pages, "search.xhtml", "", ANY_SIGNED_IN);
        page(pages, "users.xhtml", "", ADMIN);
        return pages;
    }

    private static void page(Map<String, DeskPage> pages, String file, String query, Rule rule) {
        pages.put(file, new DeskPage(file, query, rule, Refuses.HOME, null));
    }

    /** The desk's downloads under /ui/files/, under the rules of the API operations they mirror. */
    private static List<Case> deskFiles() {
        List<Case> files = new ArrayList<>();
        files.add(new Case("items", null, readsDossier(), Call.get("/ui/files/items/" + item + "/" + URLEncoder.encode("查勘记录.txt",
                StandardCharsets.UTF_8)), null, null));
        files.add(new Case("item-lists", null, readsDossier(), Call.get("/ui/files/item-lists/" + dossier + "?format=csv"), null, null));
        REGISTERS.forEach((name, rule) -> files.add(new Case("reports", name, rule, Call.get("/ui/files/reports/" + name + "?format=csv"),
                null, null)));
        files.add(new Case("import-errors", null, importFollowers(), Call.get("/ui/files/import-errors/" + importRun), null, null));
        files.add(new Case("manifest-template", null, FILERS, Call.get("/ui/files/manifest-template/template.csv"), null, null));
        files.add(new Case("certificates", null, OVERSIGHT, Call.get("/ui/files/certificates/" + disposition), null, null));
        files.add(new Case("loan-slips", null, loanParties(), Call.get("/ui/files/loan-slips/" + loan), null, null));
        files.add(new Case("labels", null, FILERS.and(reads("INTERNAL", OWNER)), Call.get("/ui/files/labels/covers?dossier=" + sealed), null, null));
        return files;
    }

    // ------------------------------------------------------------------------------------------
    // The tests.
    // ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void everyOperationTheServerListsHasAnExpectationAndEveryExpectationAnOperation() {
        Set<String> served = servedOperations();
        Set<String> expected = operations().stream().map(Case::operation).collect(Collectors.toCollection(TreeSet::new));
        List<String> problems = new ArrayList<>();
        for (String operation : served) {
            if (!expected.contains(operation)) {
                problems.add("no access expectation for " + operation + " — add one");
            }
        }
        for (String operation : expected) {
            if (!served.contains(operation)) {
                problems.add("the table expects " + operation + ", which /openapi no longer lists — remove or rename it");
            }
        }
        report("openapi", problems);
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    @Order(2)
    void everyPageAndDownloadOfTheDeskHasAnExpectation() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> pages;
        try (Stream<Path> files = Files.list(Path.of("src/main/webapp/ui"))) {
            pages = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".xhtml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expectedPages = deskPages().keySet();
        pages.stream().filter(page -> !expectedPages.contains(page))
                .forEach(page -> problems.add("no access expectation for the desk page /ui/" + page + " — add one"));
        expectedPages.stream().filter(page -> !pages.contains(page))
                .forEach(page -> problems.add("the table expects the desk page /ui/" + page + ", which is gone"));

        Set<String> routes = deskFileRoutes();
        Set<String> expectedRoutes = deskFiles().stream().map(Case::operation).collect(Collectors.toCollection(TreeSet::new));
        routes.stream().filter(route -> !expectedRoutes.contains(route))
                .forEach(route -> problems.add("no access expectation for the desk download /ui/files/" + route + "/… — add one"));
        expectedRoutes.stream().filter(route -> !routes.contains(route))
                .forEach(route -> problems.add("the table expects the desk download /ui/files/" + route + "/…, which nothing serves"));
        report("desk coverage", problems);
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    @Order(3)
    void everyOperationAsEveryRole() {
        List<String> failures = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        List<Case> cases = operations();
        Map<String, List<String>> statuses = new LinkedHashMap<>();
        for (Caller caller : CALLERS) {
            for (Case c : cases) {
                boolean allowed = c.rule().allows().test(caller);
                Instant start = Instant.now();
                ApiClient.Reply reply;
                try {
                    reply = caller.api().send(c.call().on(caller.api()));
                } catch (RuntimeException e) {
                    failures.add(c.label() + " as " + caller.label() + ": expected " + expectation(allowed, c.rule()) + ", got " + e);
                    continue;
                }
                Instant end = Instant.now();
                statuses.computeIfAbsent(c.label(), k -> new ArrayList<>()).add(caller.label() + "=" + reply.status());
                String problem = judgeApi(caller, c, allowed, reply);
                if (problem != null) {
                    failures.add(c.label() + " as " + caller.label() + ": expected " + expectation(allowed, c.rule()) + ", got " + problem);
                } else if (!allowed) {
                    refusals.add(new Refusal(caller, c.label(), start, end));
                }
            }
        }
        failures.addAll(unaudited(refusals));
        report("answers", statuses.entrySet().stream().map(e -> e.getKey() + ": " + String.join(" ", e.getValue())).toList());
        report("operations × roles (" + CALLERS.size() + " callers × " + cases.size() + " cases)", failures);
        assertEquals(List.of(), failures, failures.size() + " mismatches:\n" + String.join("\n", failures));
    }

    @Test
    @Order(4)
    void anonymousCallersAreAskedToSignInEverywhereButThePublicDoors() {
        List<String> failures = new ArrayList<>();
        ApiClient anonymous = anonymous();
        for (Case c : operations()) {
            ApiClient.Reply reply = anonymous.send(c.call().on(anonymous));
            boolean open = c.rule() == PUBLIC;
            if (open ? reply.status() == 401 || reply.status() == 403 || reply.status() >= 500
                    : reply.status() != 401 || !String.valueOf(reply.contentType()).startsWith("application/problem+json")) {
                failures.add(c.label() + " anonymously: expected " + (open ? "an answer" : "401 problem+json") + ", got "
                        + reply.status() + " " + reply.contentType());
            }
        }
        for (String open : List.of("/openapi", "/health")) {
            int status = anonymous.get(open).status();
            if (status != 200) {
                failures.add("GET " + open + " anonymously: expected 200 (public), got " + status);
            }
        }
        DeskSession desk = DeskSession.anonymous();
        for (DeskPage page : deskPages().values()) {
            DeskSession.Page answer = desk.get("/ui/" + page.file() + page.query());
            if (page.rule() == PUBLIC ? answer.status() != 200 : !answer.redirectedTo("/ui/login.xhtml")) {
                failures.add("desk /ui/" + page.file() + " anonymously: expected "
                        + (page.rule() == PUBLIC ? "200" : "the sign-in page") + ", got " + answer.status() + " " + answer.location());
            }
        }
        for (Case file : deskFiles()) {
            DeskSession.Page answer = desk.get(file.call().path());
            if (!answer.redirectedTo("/ui/login.xhtml")) {
                failures.add("desk download " + file.label() + " anonymously: expected the sign-in page, got " + answer.status());
            }
        }
        report("anonymous", failures);
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    @Order(5)
    void everyDeskPageAndDownloadAsEveryRole() {
        List<String> failures = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        Map<String, DeskPage> pages = deskPages();
        List<Case> files = deskFiles();
        for (Caller caller : CALLERS) {
            DeskSession desk = DeskSession.signIn(caller.account());
            for (DeskPage page : pages.values()) {
                boolean allowed = page.rule().allows().test(caller);
                Instant start = Instant.now();
                DeskSession.Page answer = desk.get("/ui/" + page.file() + page.query());
                Instant end = Instant.now();
                String problem = judgePage(desk, page, allowed, answer);
                String label = "desk /ui/" + page.file() + " as " + caller.label() + ": expected "
                        + (allowed ? "the page" : page.refuses() == Refuses.HOME ? "sent home with the refusal" : "the refusal in place")
                        + " (" + page.rule().name() + "), got ";
                if (problem != null) {
                    failures.add(label + problem);
                } else if (!allowed) {
                    refusals.add(new Refusal(caller, "desk /ui/" + page.file(), start, end));
                }
            }
            for (Case file : files) {
                boolean allowed = file.rule().allows().test(caller);
                Instant start = Instant.now();
                DeskSession.Page answer = desk.get(file.call().path());
                Instant end = Instant.now();
                boolean ok = allowed ? answer.status() == 200 : answer.status() == 403;
                if (!ok) {
                    failures.add("desk download " + file.label() + " as " + caller.label() + ": expected " + (allowed ? "200" : "403")
                            + " (" + file.rule().name() + "), got " + answer.status() + " " + abbreviate(answer.body()));
                } else if (!allowed) {
                    refusals.add(new Refusal(caller, "desk download " + file.label(), start, end));
                }
            }
        }
        failures.addAll(unaudited(refusals));
        report("desk × roles", failures);
        assertEquals(List.of(), failures, failures.size() + " mismatches:\n" + String.join("\n", failures));
    }

    /** API.md: nobody changes their own roles or clearance (403), an administrator included. */
    @Test
    @Order(6)
    void nobodyChangesTheirOwnRolesOrClearance() {
        Users.Account account = Users.account("ep-selfadmin", "CONFIDENTIAL", OWNER, "ADMIN");
        Caller self = new Caller("ADMIN", "CONFIDENTIAL", OWNER, account);
        List<String> failures = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (String change : List.of("{\"roles\":[\"ADMIN\",\"AUDITOR\"]}", "{\"clearance\":\"SECRET\"}")) {
            Instant start = Instant.now();
            ApiClient.Reply reply = account.api().patch("/api/users/" + account.username(), change);
            Instant end = Instant.now();
            if (reply.status() != 403) {
                failures.add("PATCH /api/users/{username} on oneself " + change + " as ADMIN: expected 403, got " + reply.status());
            } else {
                refusals.add(new Refusal(self, "PATCH own user " + change, start, end));
            }
        }
        JsonNode after = admin().get("/api/users/" + account.username()).json();
        if (!after.get("roles").toString().equals("[\"ADMIN\"]") || !after.get("clearance").asText().equals("CONFIDENTIAL")) {
            failures.add("the administrator changed its own standing: " + after.get("roles") + " " + after.get("clearance"));
        }
        failures.addAll(unaudited(refusals));
        report("self-change", failures);
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    // ------------------------------------------------------------------------------------------
    // Judging answers.
    // ------------------------------------------------------------------------------------------

    private static String expectation(boolean allowed, Rule rule) {
        return (allowed ? "not 403" : "403") + " (" + rule.name() + ")";
    }

    /** Null when the answer is what the rule asks for. */
    private static String judgeApi(Caller caller, Case c, boolean allowed, ApiClient.Reply reply) {
        int status = reply.status();
        if (!allowed) {
            if (status != 403) {
                return status + " " + abbreviate(reply.text());
            }
            if (!String.valueOf(reply.contentType()).startsWith("application/problem+json")) {
                return "403 as " + reply.contentType() + " instead of application/problem+json";
            }
            return null;
        }
        if (status == 401 || status == 403 || status >= 500) {
            return status + " " + abbreviate(reply.text());
        }
        if (c.secret() != null && !c.secretRule().allows().test(caller) && reply.text().contains(c.secret())) {
            return status + " revealing what only " + c.secretRule().name() + " may see";
        }
        return null;
    }

    private static String judgePage(DeskSession desk, DeskPage page, boolean allowed, DeskSession.Page answer) {
        if (allowed) {
            if (answer.status() != 200) {
                return answer.status() + " " + answer.location();
            }
            if (answer.body().contains(REFUSAL_ON_PAGE)) {
                return "the page with a refusal on it";
            }
            if (page.secret() != null && !answer.body().contains(page.secret())) {
                return "the page without its record";
            }
            return null;
        }
        if (page.refuses() == Refuses.IN_PLACE) {
            if (answer.status() != 200 || !answer.body().contains(REFUSAL_ON_PAGE)) {
                return answer.status() + " without a refusal";
            }
            return answer.body().contains(page.secret()) ? "the record's content beside the refusal" : null;
        }
        if (!answer.redirectedTo("/ui/home.xhtml")) {
            return answer.status() == 200 ? "the page" : answer.status() + " " + answer.location();
        }
        DeskSession.Page home = desk.follow(answer);
        return home.status() == 200 && home.body().contains(REFUSAL_ON_PAGE) ? null : "sent home without the refusal";
    }

    /**
     * Refusals not found in the audit trail: each must have an ACCESS_DENIED event of its caller
     * written while the call was under way. The events are fetched once per caller, at the end.
     */
    private static List<String> unaudited(List<Refusal> refusals) {
        List<String> missing = new ArrayList<>();
        Map<String, List<Refusal>> byCaller = refusals.stream()
                .collect(Collectors.groupingBy(r -> r.caller().username(), LinkedHashMap::new, Collectors.toList()));
        Map<String, Set<String>> operations = new TreeMap<>();
        for (Map.Entry<String, List<Refusal>> entry : byCaller.entrySet()) {
            // Oldest first: refusals are in the order they were made, and back-to-back refusals' windows
            // touch within the slack, so taking the newest event that fits could steal the next one's.
            List<JsonNode> events = new ArrayList<>(deniedEvents(entry.getKey()));
            events.sort(Comparator.comparingLong(event -> event.get("seq").asLong()));
            Set<JsonNode> used = new LinkedHashSet<>();
            for (Refusal refusal : entry.getValue()) {
                JsonNode match = null;
                for (JsonNode event : events) {
                    Instant at = Instant.parse(event.get("at").asText());
                    if (!used.contains(event) && !at.isBefore(refusal.start().minusMillis(1)) && !at.isAfter(refusal.end().plusMillis(1))) {
                        match = event;
                        break;
                    }
                }
                if (match == null) {
                    missing.add(refusal.what() + " as " + refusal.caller().label() + ": refused, but no ACCESS_DENIED in the audit trail");
                } else {
                    used.add(match);
                    operations.computeIfAbsent(refusal.what(), k -> new TreeSet<>())
                            .add(match.path("details").path("operation").asText("(no operation)"));
                }
            }
        }
        report("audited operation names", operations.entrySet().stream().map(e -> e.getKey() + " → " + e.getValue()).toList());
        return missing;
    }

    private static List<JsonNode> deniedEvents(String actor) {
        List<JsonNode> events = new ArrayList<>();
        for (int page = 0; ; page++) {
            ApiClient.Reply reply = fixtureAuditor.get(ApiClient.query("/api/audit", Map.of("actor", actor, "action", "ACCESS_DENIED",
                    "size", "500", "page", String.valueOf(page))));
            assertEquals(200, reply.status(), reply::toString);
            JsonNode answer = reply.json();
            answer.get("events").forEach(events::add);
            if (answer.get("events").size() < 500 || events.size() >= answer.get("total").asLong()) {
                return events;
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // What the server serves.
    // ------------------------------------------------------------------------------------------

    private static Set<String> servedOperations() {
        ApiClient.Reply reply = anonymous().get("/openapi", Map.of("Accept", "application/json"));
        if (!String.valueOf(reply.contentType()).contains("json")) {
            reply = anonymous().get("/openapi?format=JSON");
        }
        assertEquals(200, reply.status(), reply::toString);
        Set<String> operations = new TreeSet<>();
        Set<String> methods = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
        Iterator<Map.Entry<String, JsonNode>> paths = reply.json().get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (methods.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        assertFalse(operations.isEmpty(), "no operations in /openapi");
        return operations;
    }

    /** The first path segments under /ui/files/ that the desk links to or its file servlet dispatches on. */
    private static Set<String> deskFileRoutes() throws IOException {
        Pattern linked = Pattern.compile("/ui/files/([a-z-]+)/");
        Pattern dispatched = Pattern.compile("path\\[0]\\.equals\\(\"([a-z-]+)\"\\)");
        Set<String> routes = new TreeSet<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> pages = Files.list(Path.of("src/main/webapp/ui"));
             Stream<Path> java = Files.list(Path.of("src/main/java/cn/insurer/archive/web"))) {
            pages.forEach(sources::add);
            java.forEach(sources::add);
        }
        for (Path source : sources) {
            String text = Files.readString(source);
            for (Pattern pattern : List.of(linked, dispatched)) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    routes.add(matcher.group(1));
                }
            }
        }
        return routes;
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }

    /** The findings also go to a file, for reading them beside the code. */
    private static synchronized void report(String section, List<String> lines) {
        try {
            Files.createDirectories(REPORT.getParent());
            String text = "== " + section + " (" + lines.size() + ")\n" + lines.stream().map(line -> line + "\n").collect(Collectors.joining());
            Files.writeString(REPORT, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
