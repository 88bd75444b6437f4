package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access on the users' side: an administrator giving itself content access
 * (finding 6), unthrottled password guessing and weak passwords (finding 7), and a desk any site
 * could frame, whose session cookie went along with other sites' requests (finding 10). Clients
 * that fail to sign in connect from addresses of their own, so that the per-address lock they
 * provoke never reaches the other tests at 127.0.0.1.
 */
class AuthHardeningIT extends ServerTestBase {

    private static final Map<String, String> CHINESE = Map.of("Accept-Language", "zh-CN");
    private static Users.Account auditor;

    @BeforeAll
    static void auditor() {
        auditor = Users.account("hauditor", "SECRET", "稽核部", "AUDITOR");
    }

    // ---- Finding 6: nobody changes their own standing; content grants are audited as such ----

    @Test
    void anAdministratorCannotGrantItselfAuditorAndSecretToReadSecretContent() {
        Users.Account admin2 = Users.account("hadmin", "PUBLIC", null, "ADMIN");
        ApiClient clerk = Users.create("hclerk", "SECRET", "档案室", "CLERK");
        ObjectNode secretClaim = Dossiers.claim("车险", "理赔部", "SECRET");
        String title = secretClaim.get("title").asText();
        String dossier = Dossiers.create(clerk, secretClaim).get("id").asText();
        long deniedBefore = events("ACCESS_DENIED", admin2.username()).get("total").asLong();

        ObjectNode grant = ApiClient.object().put("clearance", "SECRET");
        grant.putArray("roles").add("ADMIN").add("AUDITOR");
        ApiClient.Reply refused = admin2.api().patch("/api/users/" + admin2.username(), grant);
        JsonAssert.problem(refused, 403);
        assertTrue(refused.json().get("detail").asText().contains("不能修改自己的角色"), refused::toString);

        JsonNode self = admin().get("/api/users/" + admin2.username()).json();
        assertEquals("[\"ADMIN\"]", self.get("roles").toString());
        assertEquals("PUBLIC", self.get("clearance").asText());
        ApiClient.Reply read = admin2.api().get("/api/dossiers/" + dossier);
        assertEquals(403, read.status(), read::toString);
        assertFalse(read.text().contains(title), "nothing of the secret dossier in the refusal");

        JsonNode denied = events("ACCESS_DENIED", admin2.username());
        assertTrue(denied.get("total").asLong() >= deniedBefore + 1, denied::toString);
        assertTrue(denied.toString().contains("\"operation\":\"user.change.self\""), denied::toString);
        assertTrue(denied.toString().contains("\"target\":\"user:" + admin2.username() + "\""), denied::toString);
        assertEquals(0, events("USER_PRIVILEGE_GRANTED", admin2.username()).get("total").asInt());
    }

    @Test
    void noneOfOnesOwnStandingChangesOneByOneNorThroughACaseVariantOfOnesName() {
        Users.Account admin2 = Users.account("hadmin", "INTERNAL", "信息部", "ADMIN");
        String self = "/api/users/" + admin2.username();
        List<Map<String, Object>> attempts = List.of(
                Map.of("clearance", "SECRET"),
                Map.of("roles", List.of("AUDITOR")),
                Map.of("roles", List.of("ADMIN", "CLERK")),
                Map.of("department", "理赔部"),
                Map.of("enabled", false),
                Map.of("displayName", "我自己", "clearance", "CONFIDENTIAL"));
        for (Map<String, Object> attempt : attempts) {
            ApiClient.Reply reply = admin2.api().patch(self, attempt);
            assertEquals(403, reply.status(), () -> attempt + ": " + reply);
        }
        for (String variant : List.of(admin2.username().toUpperCase(), "  " + admin2.username(),
                admin2.username().substring(0, 1).toUpperCase() + admin2.username().substring(1))) {
            ApiClient.Reply reply = admin2.api().patch("/api/users/" + variant.replace(" ", "%20"),
                    Map.of("clearance", "SECRET", "roles", List.of("ADMIN", "AUDITOR")));
            assertTrue(reply.status() == 403 || reply.status() == 404, () -> variant + ": " + reply);
        }
        JsonNode unchanged = admin().get(self).json();
        assertEquals("[\"ADMIN\"]", unchanged.get("roles").toString());
        assertEquals("INTERNAL", unchanged.get("clearance").asText());
        assertEquals("信息部", unchanged.get("department").asText());
        assertTrue(unchanged.get("enabled").asBoolean());
        assertEquals(attempts.size(), events("ACCESS_DENIED", admin2.username()).toString()
                .split("user.change.self", -1).length - 1, "each refusal audited");

        // One's own name and password stay one's own to change; repeating the current roles changes nothing.
        ApiClient.Reply renamed = admin2.api().patch(self, Map.of("displayName", "管理员二号", "roles", List.of("ADMIN"),
                "clearance", "INTERNAL", "enabled", true));
        assertEquals(200, renamed.status(), renamed::toString);
        ApiClient.Reply weak = admin2.api().patch(self, Map.of("password", "password1234"));
        JsonAssert.problem(weak, 422);
        ApiClient.Reply rekeyed = admin2.api().patch(self, Map.of("password", "Neues-Kennwort-2025"));
        assertEquals(200, rekeyed.status(), rekeyed::toString);
        assertEquals(200, ApiClient.as(admin2.username(), "Neues-Kennwort-2025").get(self).status());
        assertEquals(0, events("USER_PASSWORD_RESET", admin2.username()).get("total").asInt(),
                "changing one's own password is no reset by an administrator");
    }

    @Test
    void theDeskUsersPageRefusesTheSameSelfGrantThroughTheSameRule() {
        Users.Account admin2 = Users.account("hadmin", "PUBLIC", null, "ADMIN");
        AddressedClient desk = AddressedClient.fresh();
        assertEquals(302, signInOnDesk(desk, admin2.username(), admin2.password()).status());
        ApiClient.Reply page = desk.get("/ui/users.xhtml", CHINESE);
        assertEquals(200, page.status(), page::toString);
        String html = page.text();
        int row = html.indexOf(">" + admin2.username() + "<");
        assertTrue(row > 0, "the page lists the administrator");
        Matcher link = Pattern.compile("id=\"(users:list:\\d+:[^\"]+)\"").matcher(html);
        assertTrue(link.find(row), "an edit link in the administrator's row");
        String edit = link.group(1);

        Map<String, List<String>> open = new LinkedHashMap<>();
        open.put("users", List.of("users"));
        open.put("jakarta.faces.ViewState", List.of(viewState(html)));
        open.put(edit, List.of(edit));
        open.put("jakarta.faces.source", List.of(edit));
        ApiClient.Reply editing = desk.postForm("/ui/users.xhtml", open, CHINESE);
        assertEquals(200, editing.status(), editing::toString);

        Map<String, List<String>> save = new LinkedHashMap<>();
        save.put("users", List.of("users"));
        save.put("jakarta.faces.ViewState", List.of(viewState(editing.text())));
        save.put("users:display", List.of("想看机密的管理员"));
        save.put("users:password", List.of(""));
        save.put("users:roles", List.of("ADMIN", "AUDITOR"));
        save.put("users:clearance", List.of("SECRET"));
        save.put("users:department", List.of(""));
        save.put("users:enabled", List.of("on"));
        save.put("users:save", List.of("users:save"));
        ApiClient.Reply saved = desk.postForm("/ui/users.xhtml", save, CHINESE);
        assertTrue(saved.text().contains("不能修改自己的角色、密级、部门或启用状态"), saved::toString);

        JsonNode self = admin().get("/api/users/" + admin2.username()).json();
        assertEquals("[\"ADMIN\"]", self.get("roles").toString());
        assertEquals("PUBLIC", self.get("clearance").asText());
        assertTrue(events("ACCESS_DENIED", admin2.username()).toString().contains("user.change.self"));
    }

    @Test
    void everyWideningOfWhatAUserReadsIsAuditedAsAPrivilegeGrant() {
        String username = Users.unique("hadjuster");
        ObjectNode body = ApiClient.object().put("username", username).put("password", "Grant-Audit-2025")
                .put("displayName", "赵敏").put("clearance", "INTERNAL").put("department", "理赔部");
        body.putArray("roles").add("ADJUSTER");
        assertEquals(201, admin().post("/api/users", body).status());
        String path = "/api/users/" + username;
        JsonNode created = grants(username);
        assertEquals(1, created.get("total").asInt(), created::toString);
        assertEquals("admin", created.at("/events/0/actor").asText());
        assertTrue(created.at("/events/0/details/newAccount").asBoolean(), created::toString);
        assertEquals("[ADJUSTER]", created.at("/events/0/details/rolesAfter").asText());

        assertEquals(200, admin().patch(path, Map.of("clearance", "SECRET")).status());
        JsonNode raised = grants(username).at("/events/0/details");
        assertEquals("INTERNAL", raised.get("clearanceBefore").asText(), raised::toString);
        assertEquals("SECRET", raised.get("clearanceAfter").asText(), raised::toString);
        assertEquals("[ADJUSTER]", raised.get("rolesBefore").asText());

        assertEquals(200, admin().patch(path, Map.of("roles", List.of("ADJUSTER", "AUDITOR"))).status());
        JsonNode widened = grants(username).at("/events/0/details");
        assertEquals("[ADJUSTER, AUDITOR]", widened.get("rolesAfter").asText(), widened::toString);
        assertEquals(3, grants(username).get("total").asInt());

        assertEquals(200, admin().patch(path, Map.of("roles", List.of("ADJUSTER"), "clearance", "CONFIDENTIAL")).status());
        assertEquals(3, grants(username).get("total").asInt(), "narrowing is no grant");
        assertEquals(200, admin().patch(path, Map.of("department", "核保部")).status());
        assertEquals(4, grants(username).get("total").asInt(), "a departmental reader moved reads another department");
        assertEquals(200, admin().patch(path, Map.of("enabled", false)).status());
        assertEquals(200, admin().patch(path, Map.of("enabled", true)).status());
        assertEquals(5, grants(username).get("total").asInt(), "enabling a reader again gives their reading back");

        assertEquals(200, admin().patch(path, Map.of("password", "Reset-By-Admin-2025")).status());
        JsonNode reset = auditor.api().get(ApiClient.query("/api/audit", Map.of("action", "USER_PASSWORD_RESET",
                "target", "user:" + username))).json();
        assertEquals(1, reset.get("total").asInt(), reset::toString);
        assertTrue(reset.at("/events/0/details/readsContent").asBoolean());
    }

    @Test
    void aSecondAccountIsAGrantOnTheRecordNoAdministratorReadsAndNoNameHasACaseTwin() {
        Users.Account admin2 = Users.account("hadmin", "PUBLIC", null, "ADMIN");
        String shadow = Users.unique("hshadow");
        ObjectNode body = ApiClient.object().put("username", shadow).put("password", "Shadow-Account-2025")
                .put("clearance", "SECRET");
        body.putArray("roles").add("AUDITOR");
        assertEquals(201, admin2.api().post("/api/users", body).status());
        JsonNode granted = grants(shadow);
        assertEquals(1, granted.get("total").asInt(), granted::toString);
        assertEquals(admin2.username(), granted.at("/events/0/actor").asText());
        assertEquals("SECRET", granted.at("/events/0/details/clearanceAfter").asText());

        // Nor through a second administrator account: whoever administers users reads no records.
        Users.Account admin3 = Users.account("hadmin", "PUBLIC", null, "ADMIN");
        ObjectNode grant = ApiClient.object().put("clearance", "SECRET");
        grant.putArray("roles").add("ADMIN").add("AUDITOR");
        ApiClient.Reply viaAnother = admin3.api().patch("/api/users/" + admin2.username(), grant);
        JsonAssert.problem(viaAnother, 422);
        assertEquals("roles", viaAnother.json().at("/errors/0/field").asText(), viaAnother::toString);
        assertTrue(viaAnother.json().at("/errors/0/message").asText().contains("系统管理员不阅读档案"), viaAnother::toString);
        assertEquals("[\"ADMIN\"]", admin().get("/api/users/" + admin2.username()).json().get("roles").toString());
        ObjectNode both = ApiClient.object().put("username", Users.unique("hboth")).put("password", "Both-Roles-2025!")
                .put("clearance", "SECRET");
        both.putArray("roles").add("ADMIN").add("ARCHIVE_MANAGER");
        JsonAssert.problem(admin3.api().post("/api/users", both), 422);

        for (String twin : List.of(admin2.username().toUpperCase(), "Admin", "ADMIN")) {
            ObjectNode copy = ApiClient.object().put("username", twin).put("password", "Twin-Account-2025!")
                    .put("clearance", "SECRET");
            copy.putArray("roles").add("AUDITOR");
            ApiClient.Reply reply = admin2.api().post("/api/users", copy);
            JsonAssert.problem(reply, 409);
        }
    }

    // ---- Finding 7: guessing is throttled per account and per address, and passwords must be strong ----

    @Test
    void fortyWrongPasswordsLockTheAccountAndEvenTheRightOneWaitsTillTheLockEnds() {
        Users.Account victim = Users.account("hvictim", "INTERNAL", "理赔部", "ADJUSTER");
        AddressedClient attacker = AddressedClient.fresh();
        List<Integer> statuses = new ArrayList<>();
        ApiClient.Reply last = null;
        for (int i = 0; i < 40; i++) {
            last = attacker.get("/api/users/" + victim.username(),
                    Map.of("Authorization", AddressedClient.basic(victim.username(), "guess-" + i)));
            statuses.add(last.status());
        }
        assertEquals(List.of(401, 401, 401, 401, 429), statuses.subList(0, 5), statuses::toString);
        assertTrue(statuses.subList(5, 40).stream().allMatch(s -> s == 429), statuses::toString);
        JsonAssert.problem(last, 429);
        long retryAfter = Long.parseLong(last.header("Retry-After"));
        assertTrue(retryAfter > 14 * 60 && retryAfter <= 15 * 60, last.header("Retry-After"));
        assertTrue(last.json().get("detail").asText().contains("分钟"), last::toString);
        assertNotNull(last.header("X-Content-Type-Options"));

        ApiClient.Reply right = attacker.get("/api/users/" + victim.username(),
                Map.of("Authorization", AddressedClient.basic(victim.username(), victim.password())));
        JsonAssert.problem(right, 429);
        ApiClient.Reply elsewhere = AddressedClient.fresh().get("/api/users/" + victim.username(),
                Map.of("Authorization", AddressedClient.basic(victim.username(), victim.password()), "Accept-Language", "en"));
        JsonAssert.problem(elsewhere, 429);
        assertTrue(elsewhere.json().get("detail").asText().contains("locked until"), elsewhere::toString);

        JsonNode locks = auditor.api().get(ApiClient.query("/api/audit", Map.of("action", "LOGIN_LOCKED",
                "target", "user:" + victim.username()))).json();
        assertEquals(1, locks.get("total").asInt(), locks::toString);
        assertEquals("account", locks.at("/events/0/details/scope").asText());
        assertEquals(attacker.address(), locks.at("/events/0/clientAddress").asText(), locks::toString);
        JsonNode failed = events("LOGIN_FAILED", victim.username());
        assertEquals(42, failed.get("total").asInt(), "every refused attempt is audited");

        // The lock runs out (moved into the past here rather than waited for), and the right password works again.
        List<Map<String, Object>> moved = Database.query("update login_throttle set locked_until = now() - interval '1 second' "
                + "where key = ? returning key", "account:" + victim.username());
        assertEquals(1, moved.size());
        assertEquals(200, attacker.get("/api/users/" + victim.username(),
                Map.of("Authorization", AddressedClient.basic(victim.username(), victim.password()))).status());
    }

    @Test
    void guessesSentSideBySideAreCountedOneAfterAnother() throws Exception {
        Users.Account victim = Users.account("hburst", "INTERNAL", "理赔部", "ADJUSTER");
        ExecutorService burst = Executors.newFixedThreadPool(30);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String guess = "burst-guess-" + i;
                answers.add(burst.submit(() -> AddressedClient.fresh().get("/api/dossiers",
                        Map.of("Authorization", AddressedClient.basic(victim.username(), guess))).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(5, TimeUnit.MINUTES));
            }
            assertEquals(4, statuses.stream().filter(s -> s == 401).count(), "only the first four guesses are checked: " + statuses);
            assertEquals(26, statuses.stream().filter(s -> s == 429).count(), statuses::toString);
        } finally {
            burst.shutdownNow();
        }
        JsonAssert.problem(AddressedClient.fresh().get("/api/dossiers",
                Map.of("Authorization", AddressedClient.basic(victim.username(), victim.password()))), 429);
    }

    @Test
    void caseWidthAndWhitespaceVariantsOfTheNameCountAgainstTheSameAccount() {
        Users.Account victim = Users.account("hcasey", "INTERNAL", "理赔部", "ADJUSTER");
        String name = victim.username();
        String fullWidth = name.chars().mapToObj(c -> c >= '!' && c <= '~' ? String.valueOf((char) (c - '!' + '！')) : String.valueOf((char) c))
                .reduce("", String::concat);
        List<String> variants = List.of(name.toUpperCase(), " " + name, name + " ", fullWidth, "\t" + name.toUpperCase());
        for (String variant : variants) {
            ApiClient.Reply reply = AddressedClient.fresh().get("/api/dossiers",
                    Map.of("Authorization", AddressedClient.basic(variant, "wrong-password-1")));
            assertTrue(reply.status() == 401 || reply.status() == 429, reply::toString);
        }
        ApiClient.Reply right = AddressedClient.fresh().get("/api/dossiers",
                Map.of("Authorization", AddressedClient.basic(name, victim.password())));
        JsonAssert.problem(right, 429);

        // The desk's form trims the name, and meets the same lock.
        AddressedClient browser = AddressedClient.fresh();
        ApiClient.Reply desk = signInOnDesk(browser, "  " + name.toUpperCase() + " ", victim.password());
        assertEquals(429, desk.status(), desk::toString);
        desk = signInOnDesk(browser, " " + name + " ", victim.password());
        assertEquals(429, desk.status(), desk::toString);
        assertTrue(desk.text().contains("登录失败次数过多"), desk::toString);
    }

    @Test
    void theDeskSignInSaysInChineseUntilWhenItIsLocked() {
        Users.Account clerk = Users.account("hdesk", "INTERNAL", "档案室", "CLERK");
        AddressedClient browser = AddressedClient.fresh();
        List<Integer> statuses = new ArrayList<>();
        ApiClient.Reply reply = null;
        for (int i = 0; i < 5; i++) {
            reply = signInOnDesk(browser, clerk.username(), "not-" + clerk.password());
            statuses.add(reply.status());
            if (i < 4) {
                assertTrue(reply.text().contains("用户名或密码错误"), reply::toString);
            }
        }
        assertEquals(List.of(200, 200, 200, 200, 429), statuses);
        assertTrue(reply.text().contains("该账号或本机登录失败次数过多，已暂时锁定"), reply::toString);
        Matcher until = Pattern.compile("请于 (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})（约 (\\d+) 分钟后）再试").matcher(reply.text());
        assertTrue(until.find(), reply::toString);
        assertEquals("15", until.group(2));
        assertNotNull(reply.header("Retry-After"));

        ApiClient.Reply right = signInOnDesk(browser, clerk.username(), clerk.password());
        assertEquals(429, right.status(), "the right password during the lock signs nobody in");
        assertTrue(right.text().contains("已暂时锁定"), right::toString);
        assertEquals(302, desk(browser, "/ui/home.xhtml").status(), "still signed out");

        JsonNode locks = auditor.api().get(ApiClient.query("/api/audit", Map.of("action", "LOGIN_LOCKED",
                "target", "user:" + clerk.username()))).json();
        assertEquals(1, locks.get("total").asInt(), locks::toString);
        assertEquals("form", locks.at("/events/0/details/via").asText());
    }

    @Test
    void failuresSpreadOverManyNamesFromOneAddressLockThatAddressOnly() {
        Users.Account clerk = Users.account("hspray", "INTERNAL", "档案室", "CLERK");
        AddressedClient sprayer = AddressedClient.fresh();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(sprayer.get("/api/dossiers", Map.of("Authorization",
                    AddressedClient.basic(Users.unique("nobody"), "Spring2025!"))).status());
        }
        assertTrue(statuses.subList(0, 29).stream().allMatch(s -> s == 401), statuses::toString);
        assertEquals(429, statuses.get(29), statuses::toString);
        JsonAssert.problem(sprayer.get("/api/dossiers", Map.of("Authorization",
                AddressedClient.basic(clerk.username(), clerk.password()))), 429);
        assertEquals(200, AddressedClient.fresh().get("/api/dossiers", Map.of("Authorization",
                AddressedClient.basic(clerk.username(), clerk.password()))).status(), "other addresses sign in as before");

        JsonNode locks = auditor.api().get(ApiClient.query("/api/audit", Map.of("action", "LOGIN_LOCKED",
                "target", "address:" + sprayer.address()))).json();
        assertEquals(1, locks.get("total").asInt(), locks::toString);
        assertEquals("address", locks.at("/events/0/details/scope").asText());
    }

    @Test
    void manySuccessfulSignInsFromOneAddressAreNeverThrottled() {
        Users.Account clerk = Users.account("hbusy", "INTERNAL", "档案室", "CLERK");
        AddressedClient office = AddressedClient.fresh();
        for (int i = 0; i < 60; i++) {
            ApiClient.Reply reply = office.get("/api/users/" + clerk.username(),
                    Map.of("Authorization", AddressedClient.basic(clerk.username(), clerk.password())));
            assertEquals(200, reply.status(), reply::toString);
        }
        // A few typos in between are forgiven by the next right password.
        for (int round = 0; round < 3; round++) {
            for (int typo = 0; typo < 3; typo++) {
                assertEquals(401, office.get("/api/users/" + clerk.username(),
                        Map.of("Authorization", AddressedClient.basic(clerk.username(), "typo-" + typo))).status());
            }
            assertEquals(200, office.get("/api/users/" + clerk.username(),
                    Map.of("Authorization", AddressedClient.basic(clerk.username(), clerk.password()))).status());
        }
    }

    @Test
    void weakPasswordsAreRefusedWithAFieldMessageInChineseAndEnglish() {
        String username = Users.unique("hpolicy");
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("Abc-1234567", "至少需要 12 个字符");
        refusals.put("Password!2024", "过于常见");
        refusals.put("P@ssw0rd#123456", "过于常见");
        refusals.put(username + "-2025!", "不能包含用户名");
        refusals.put(username.toUpperCase() + "-2025!", "不能包含用户名");
        refusals.put("longenoughpassword", "至少三类");
        refusals.put("aaaaaaaaaaaaaaaa1!", "过于常见");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            ObjectNode body = ApiClient.object().put("username", username).put("password", refusal.getKey())
                    .put("clearance", "INTERNAL");
            body.putArray("roles").add("CLERK");
            ApiClient.Reply reply = admin().post("/api/users", body);
            JsonAssert.problem(reply, 422);
            JsonNode errors = reply.json().get("errors");
            assertEquals(1, errors.size(), reply::toString);
            assertEquals("password", errors.get(0).get("field").asText());
            assertTrue(errors.get(0).get("message").asText().contains(refusal.getValue()), reply::toString);
        }
        assertEquals(404, admin().get("/api/users/" + username).status());

        ObjectNode body = ApiClient.object().put("username", username).put("password", "Password!2024")
                .put("clearance", "INTERNAL");
        body.putArray("roles").add("CLERK");
        ApiClient.Reply english = admin().send(admin().builder("/api/users").header("Accept-Language", "en")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        JsonAssert.problem(english, 422);
        assertTrue(english.json().at("/errors/0/message").asText().contains("too common"), english::toString);

        body.put("password", "Kx7#mP2qL9vR");
        assertEquals(201, admin().post("/api/users", body).status());
        ApiClient.Reply change = admin().patch("/api/users/" + username, Map.of("password", "qwerty123456"));
        JsonAssert.problem(change, 422);
        assertEquals("password", change.json().at("/errors/0/field").asText());
        assertEquals(200, ApiClient.as(username, "Kx7#mP2qL9vR").get("/api/users/" + username).status());
    }

    // ---- Finding 10: headers on every answer, and a session cookie other sites cannot ride ----

    @Test
    void everyAnswerCarriesTheFramingSniffingAndReferrerHeaders() {
        ApiClient clerk = Users.create("hclerk", "INTERNAL", "档案室", "CLERK");
        String loginPage = anonymous().get("/ui/login.xhtml").text();
        Matcher css = Pattern.compile("href=\"([^\"]*desk\\.css[^\"]*)\"").matcher(loginPage);
        assertTrue(css.find(), loginPage);
        ObjectNode invalid = ApiClient.object().put("username", "x");
        Map<String, ApiClient.Reply> answers = new LinkedHashMap<>();
        answers.put("sign-in page", anonymous().get("/ui/login.xhtml"));
        answers.put("desk page, signed out", anonymous().get("/ui/home.xhtml"));
        answers.put("root", anonymous().get("/"));
        answers.put("style sheet", anonymous().get(css.group(1).replace("&amp;", "&")));
        answers.put("no such page", anonymous().get("/no-such-page-" + UUID.randomUUID()));
        answers.put("no such api path", clerk.get("/api/no-such-" + UUID.randomUUID()));
        answers.put("api without sign-in", anonymous().get("/api/dossiers"));
        answers.put("api wrong password", AddressedClient.fresh().get("/api/dossiers",
                Map.of("Authorization", AddressedClient.basic(Users.unique("nobody"), "Wrong-Password-1"))));
        answers.put("api answer", clerk.get("/api/dossiers?size=1"));
        answers.put("api not found", clerk.get("/api/dossiers/" + UUID.randomUUID()));
        answers.put("api forbidden", clerk.get("/api/audit"));
        answers.put("api invalid", admin().post("/api/users", invalid));
        answers.put("api malformed", admin().post("/api/users", "{nope"));
        answers.put("health", anonymous().get("/health/live"));
        answers.put("oidc start", anonymous().get("/oidc/login"));

        AddressedClient browser = AddressedClient.fresh();
        Users.Account user = Users.account("hheaders", "INTERNAL", "档案室", "CLERK");
        answers.put("desk sign-in", signInOnDesk(browser, user.username(), user.password()));
        answers.put("desk home", desk(browser, "/ui/home.xhtml"));
        answers.put("desk no such view", desk(browser, "/ui/no-such-view.xhtml"));
        answers.put("desk refused download", desk(browser, "/ui/files/reports/no-such-report"));

        List<String> missing = new ArrayList<>();
        answers.forEach((what, reply) -> {
            if (!"DENY".equals(reply.header("X-Frame-Options"))) {
                missing.add(what + " (" + reply.status() + "): X-Frame-Options " + reply.header("X-Frame-Options"));
            }
            String csp = reply.header("Content-Security-Policy");
            if (csp == null || !csp.contains("frame-ancestors 'none'")) {
                missing.add(what + " (" + reply.status() + "): Content-Security-Policy " + csp);
            }
            if (!"nosniff".equals(reply.header("X-Content-Type-Options"))) {
                missing.add(what + " (" + reply.status() + "): X-Content-Type-Options");
            }
            String referrer = reply.header("Referrer-Policy");
            if (!"no-referrer".equals(referrer) && !"same-origin".equals(referrer)) {
                missing.add(what + " (" + reply.status() + "): Referrer-Policy " + referrer);
            }
        });
        assertEquals(List.of(), missing);
        assertEquals(401, answers.get("api wrong password").status());
        assertEquals(404, answers.get("no such page").status());
        assertEquals(302, answers.get("desk sign-in").status());
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStaysOffOtherSitesRequests() {
        Users.Account clerk = Users.account("hcookie", "INTERNAL", "档案室", "CLERK");
        AddressedClient browser = AddressedClient.fresh();
        ApiClient.Reply page = browser.get("/ui/login.xhtml", CHINESE);
        String first = sessionCookie(page);
        assertTrue(first.contains("HttpOnly"), first);
        assertTrue(first.toLowerCase().contains("samesite=lax") || first.toLowerCase().contains("samesite=strict"), first);
        assertFalse(first.contains("Secure"), "plain http keeps the cookie usable: " + first);

        ApiClient.Reply signedIn = signInOnDesk(browser, clerk.username(), clerk.password());
        String renewed = sessionCookie(signedIn);
        assertTrue(renewed.contains("HttpOnly") && renewed.toLowerCase().contains("samesite="), renewed);
        assertFalse(renewed.split(";")[0].equals(first.split(";")[0]), "a new session id at sign-in");
    }

    @Test
    void onlyTheDesksOwnViewerFramesItemContentAndOnlyFromTheArchive() {
        Users.Account clerk = Users.account("hviewer", "INTERNAL", "档案室", "CLERK");
        String dossier = Dossiers.create(clerk.api(), Dossiers.claim("车险", "档案室", "INTERNAL")).get("id").asText();
        byte[] pdf = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        ApiClient.Reply uploaded = clerk.api().upload(dossier, pdf, "查勘报告.pdf", Dossiers.itemMetadata("查勘报告", "SURVEY_REPORT"));
        assertEquals(201, uploaded.status(), uploaded::toString);
        String item = uploaded.json().get("id").asText();

        AddressedClient browser = AddressedClient.fresh();
        assertEquals(302, signInOnDesk(browser, clerk.username(), clerk.password()).status());
        ApiClient.Reply content = desk(browser, "/ui/files/items/" + item + "/report.pdf");
        assertEquals(200, content.status(), content::toString);
        assertEquals("SAMEORIGIN", content.header("X-Frame-Options"));
        assertEquals("frame-ancestors 'self'", content.header("Content-Security-Policy"));
        assertEquals("nosniff", content.header("X-Content-Type-Options"));
        ApiClient.Reply missing = desk(browser, "/ui/files/items/" + UUID.randomUUID());
        assertEquals(404, missing.status(), missing::toString);
        assertEquals("SAMEORIGIN", missing.header("X-Frame-Options"));
        assertEquals("frame-ancestors 'self'", missing.header("Content-Security-Policy"));
        ApiClient.Reply page = desk(browser, "/ui/dossier.xhtml?id=" + dossier);
        assertEquals("DENY", page.header("X-Frame-Options"), "the page around the viewer is framed by nobody");
    }

    // ---- helpers ----

    private static JsonNode events(String action, String actor) {
        ApiClient.Reply reply = auditor.api().get(ApiClient.query("/api/audit",
                Map.of("action", action, "actor", actor, "size", "200")));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static JsonNode grants(String username) {
        ApiClient.Reply reply = auditor.api().get(ApiClient.query("/api/audit",
                Map.of("action", "USER_PRIVILEGE_GRANTED", "target", "user:" + username)));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static ApiClient.Reply desk(AddressedClient browser, String path) {
        return browser.get(path, CHINESE);
    }

    /** The sign-in form as a browser submits it; the answer is a redirect home or the page again. */
    private static ApiClient.Reply signInOnDesk(AddressedClient browser, String username, String password) {
        ApiClient.Reply page = browser.get("/ui/login.xhtml", CHINESE);
        assertEquals(200, page.status(), page::toString);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("signin", List.of("signin"));
        fields.put("signin:username", List.of(username));
        fields.put("signin:password", List.of(password));
        fields.put("signin:submit", List.of(""));
        fields.put("jakarta.faces.ViewState", List.of(viewState(page.text())));
        return browser.postForm("/ui/login.xhtml", fields, CHINESE);
    }

    private static String viewState(String html) {
        Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(html);
        assertTrue(state.find(), html);
        return state.group(1).replace("&#58;", ":");
    }

    private static String sessionCookie(ApiClient.Reply reply) {
        return reply.headers().getOrDefault("Set-Cookie", List.of()).stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + reply.headers()));
    }
}
