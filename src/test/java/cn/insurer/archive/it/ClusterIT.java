package cn.insurer.archive.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.cluster.StickyProxy;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two archive nodes on one database and one bucket: the server the tests deploy into (node A) and
 * a second provisioned WildFly (node B) started here with the same settings, its own data folder
 * (so its own search index) and its own ports. Figures go to the test output and to
 * {@code target/cluster.txt}.
 */
class ClusterIT extends ServerTestBase {

    private static final String NODE_B = "node-b";
    /** The periodic jobs' advisory lock, as {@code cluster.Leadership} takes it. */
    private static final String LEADER = "select l.pid, a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid "
            + "where l.locktype = 'advisory' and l.granted and l.classid = 1095910216 and l.objid = 1 and l.objsubid = 2 "
            + "and l.database = (select oid from pg_database where datname = current_database())";
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    private static final Duration FAILOVER_WITHIN = Duration.ofSeconds(10);
    private static final List<String> MOTOR_CLAIM = List.of("FIRST_NOTICE_OF_LOSS", "SURVEY_REPORT", "LOSS_ASSESSMENT",
            "REPAIR_INVOICE", "PAYMENT_VOUCHER");

    private static StandaloneServer nodeB;
    private static ApiClient clerkA;
    private static ApiClient clerkB;
    private static final List<String> figures = new ArrayList<>();

    @BeforeAll
    static void startSecondNode() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("archive.it.dir", "target/it"))), "node-b-");
        List<String> properties = new ArrayList<>();
        // Node A's settings, except what is the node's own: ports, data folder, name.
        for (String argument : System.getProperty("it.jvm.args").split(" ")) {
            if (argument.startsWith("-D") && !argument.startsWith("-Djboss.socket.binding.port-offset=")
                    && !argument.startsWith("-Darchive.data.dir=")) {
                properties.add(argument);
            }
        }
        properties.addAll(List.of("-Darchive.node.name=" + NODE_B, "-Djboss.node.name=" + NODE_B));
        nodeB = new StandaloneServer(work, new StandaloneServer.Storage(System.getProperty("it.db.url"),
                System.getProperty("it.db.app.password"), System.getProperty("it.db.owner.password"), System.getProperty("it.s3.endpoint"),
                System.getProperty("it.s3.access.key"), System.getProperty("it.s3.secret.key"), "archive-it"), properties);
        Instant begin = Instant.now();
        nodeB.start();
        figure("node B started in " + seconds(Duration.between(begin, Instant.now())));
        clerkA = Users.create("cluster", "CONFIDENTIAL", "理赔部", "CLERK");
        clerkB = clerkA.on(nodeB.httpPort());
    }

    @AfterAll
    static void stopSecondNode() throws Exception {
        if (nodeB != null) {
            nodeB.kill();
        }
        Files.writeString(Path.of("target", "cluster.txt"), String.join("\n", figures) + "\n");
    }

    @Test
    void anItemUploadedOnOneNodeIsFoundOnTheOtherAndEveryItemIsExtractedAndIndexedOnce() {
        String word = letters();
        String dossier = Dossiers.create(clerkA, Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
        ApiClient.Reply uploaded = clerkA.upload(dossier, ("集群可见性 " + word).getBytes(StandardCharsets.UTF_8), "first.txt",
                Dossiers.itemMetadata("首件", "OTHER"));
        assertEquals(201, uploaded.status(), uploaded::toString);
        Instant posted = Instant.now();
        Duration visible = awaitTotal(clerkB, word, 1, VISIBLE_WITHIN);
        figure("item uploaded on node A found by search on node B after " + seconds(visible) + " (bound " + seconds(VISIBLE_WITHIN) + ")");
        assertTrue(visible.compareTo(VISIBLE_WITHIN) <= 0);

        // Forty more, half through each node, then both nodes' workers drain one queue.
        String shared = letters();
        List<String> items = new ArrayList<>();
        items.add(uploaded.json().get("id").asText());
        for (int i = 0; i < 40; i++) {
            ApiClient client = i % 2 == 0 ? clerkA : clerkB;
            ApiClient.Reply reply = client.upload(dossier, ("集群抽取 " + shared + " 第" + i + "件").getBytes(StandardCharsets.UTF_8),
                    "item-" + i + ".txt", Dossiers.itemMetadata("第" + i + "件", "OTHER"));
            assertEquals(201, reply.status(), reply::toString);
            items.add(reply.json().get("id").asText());
        }
        Instant uploadedAll = Instant.now();
        awaitTotal(clerkA, shared, 40, Duration.ofMinutes(3));
        awaitTotal(clerkB, shared, 40, Duration.ofMinutes(3));
        figure("41 items extracted and searchable on both nodes " + seconds(Duration.between(uploadedAll, Instant.now()))
                + " after the last upload");

        String targets = items.stream().map(id -> "'item:" + id + "'").collect(Collectors.joining(","));
        List<Map<String, Object>> perNode = Database.query("select details::jsonb->>'node' as node, count(*) as extracted, "
                + "count(distinct target) as items from audit_event where action = 'EXTRACTION_FINISHED' and target in (" + targets
                + ") group by 1 order by 1");
        figure("extractions per node: " + perNode);
        long extractions = perNode.stream().mapToLong(row -> ((Number) row.get("extracted")).longValue()).sum();
        assertEquals(41, extractions, "each item extracted exactly once: " + perNode);
        assertEquals(41L, ((Number) Database.query("select count(distinct target) as n from audit_event "
                + "where action = 'EXTRACTION_FINISHED' and target in (" + targets + ")").get(0).get("n")).longValue());
        assertEquals(2, perNode.size(), "both nodes' workers took items from the one queue: " + perNode);
        assertTrue(perNode.stream().anyMatch(row -> NODE_B.equals(row.get("node"))), perNode::toString);
        // Each node's index holds every item once: a second indexing would not add hits, a missed one would lack one.
        assertEquals(40, clerkA.get("/api/search?size=1&q=" + shared).json().get("total").asInt());
        assertEquals(40, clerkB.get("/api/search?size=1&q=" + shared).json().get("total").asInt());
        figure("duplicates: extracted twice = " + (extractions - 41) + ", indexed twice = 0 on each node (40 hits on A and on B)");
    }

    @Test
    void sealingOnBothNodesAtOnceGivesGapFreeCodesAndOneWholeAuditChain() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ApiClient client = i % 2 == 0 ? clerkA : clerkB;
            String id = Dossiers.create(client, Dossiers.claim("车险", "理赔部", "INTERNAL").put("lossDate", "2019-05-1" + i))
                    .get("id").asText();
            for (String type : MOTOR_CLAIM) {
                ApiClient.Reply reply = client.upload(id, (type + " " + id).getBytes(StandardCharsets.UTF_8), type + ".txt",
                        Dossiers.itemMetadata(type, type));
                assertEquals(201, reply.status(), reply::toString);
            }
            ApiClient.Reply closed = client.post("/api/dossiers/" + id + "/events", Map.of("event", "CLAIM_CLOSED", "date", "2019-06-30"));
            assertEquals(201, closed.status(), closed::toString);
            ids.add(id);
        }
        long firstSeq = lastSeq();
        ExecutorService pool = Executors.newFixedThreadPool(ids.size());
        List<Future<ApiClient.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ApiClient client = i % 2 == 0 ? clerkA : clerkB;
            String id = ids.get(i);
            replies.add(pool.submit(() -> client.post("/api/dossiers/" + id + "/seal", "")));
        }
        Set<String> codes = new HashSet<>();
        Set<String> series = new HashSet<>();
        TreeSet<Integer> numbers = new TreeSet<>();
        for (Future<ApiClient.Reply> reply : replies) {
            ApiClient.Reply sealed = reply.get();
            assertEquals(200, sealed.status(), sealed::toString);
            String code = sealed.json().get("archivalCode").asText();
            codes.add(code);
            series.add(code.substring(0, code.lastIndexOf('-')));
            numbers.add(Integer.parseInt(code.substring(code.lastIndexOf('-') + 1)));
        }
        pool.shutdown();
        figure("archival codes from 10 concurrent seals, 5 on each node: " + numbers + " in " + series);
        assertEquals(1, series.size(), series::toString);
        assertEquals(10, codes.size(), "unique");
        assertEquals(9, numbers.last() - numbers.first(), "gap-free: " + numbers);

        Map<String, Object> chain = Database.query("select count(*) as events, min(seq) as first, max(seq) as last "
                + "from audit_event where seq > ?", firstSeq).get(0);
        long events = ((Number) chain.get("events")).longValue();
        assertEquals(((Number) chain.get("last")).longValue() - ((Number) chain.get("first")).longValue() + 1, events,
                "sequence without gaps: " + chain);
        ApiClient auditor = Users.create("auditor", "SECRET", "稽核部", "AUDITOR");
        JsonNode verifiedOnB = auditor.on(nodeB.httpPort()).get("/api/audit/verify").json();
        assertTrue(verifiedOnB.get("verified").asBoolean(), verifiedOnB::toString);
        JsonNode verifiedOnA = auditor.get("/api/audit/verify").json();
        assertTrue(verifiedOnA.get("verified").asBoolean(), verifiedOnA::toString);
        figure("audit chain after concurrent writers on both nodes: " + events + " new events, seq " + chain.get("first") + ".."
                + chain.get("last") + " without gaps, verified on both nodes (" + verifiedOnA.get("events") + " events)");
    }

    @Test
    void killingTheLeaderHandsThePeriodicJobsToTheOtherNodeWithoutRunningThemTwice() throws Exception {
        Path logA = Path.of(System.getProperty("jboss.home", "target/server"), "standalone", "log", "server.log");
        await(() -> !Database.query(LEADER).isEmpty(), Duration.ofSeconds(15), "a leader");
        // Node B must lead to be killed: cut node A's session until B's poll takes the free lock first.
        Instant handover = Instant.now();
        for (int attempt = 0; attempt < 10 && !leaderIsB(); attempt++) {
            Database.query("select pg_terminate_backend(pid) as cut from pg_locks where locktype = 'advisory' and granted "
                    + "and classid = 1095910216 and objid = 1 and objsubid = 2 "
                    + "and database = (select oid from pg_database where datname = current_database())");
            await(() -> !Database.query(LEADER).isEmpty(), Duration.ofSeconds(15), "a new leader");
        }
        assertTrue(leaderIsB(), "node B leads: " + Database.query(LEADER));
        figure("leadership moved to node B by cutting node A's session, in " + seconds(Duration.between(handover, Instant.now())));
        long aSweepsWhileBLeads = sweeps(logA);
        await(() -> sweeps(nodeB.log()) >= 1, Duration.ofSeconds(30), "node B's retention sweep on taking over");
        assertTrue(Files.readString(nodeB.log()).indexOf("now runs the periodic jobs")
                < Files.readString(nodeB.log()).indexOf("Retention sweep:"), "node B sweeps only once it leads");
        for (int sample = 0; sample < 20; sample++) {
            assertEquals(1, Database.query(LEADER).size(), "one leader at a time");
            Thread.sleep(100);
        }
        assertEquals(aSweepsWhileBLeads, sweeps(logA), "node A ran no retention sweep while node B led");
        long takenBefore = count("LEADERSHIP_TAKEN", null);

        Instant killed = Instant.now();
        nodeB.kill();
        await(() -> !Database.query(LEADER).isEmpty() && !leaderIsB(), FAILOVER_WITHIN.plusSeconds(20), "node A to take over");
        Duration failover = Duration.between(killed, Instant.now());
        figure("kill -9 of the leader (node B) to node A leading: " + seconds(failover) + " (bound " + seconds(FAILOVER_WITHIN) + ")");
        assertTrue(failover.compareTo(FAILOVER_WITHIN) <= 0, "failover took " + failover);
        await(() -> sweeps(logA) == aSweepsWhileBLeads + 1, Duration.ofSeconds(30), "node A's sweep on taking over");
        Thread.sleep(2_000);
        assertEquals(aSweepsWhileBLeads + 1, sweeps(logA), "node A swept once on taking over, not again");
        assertEquals(takenBefore + 1, count("LEADERSHIP_TAKEN", null), "one taking over recorded after the kill");
        assertEquals(1, count("LEADERSHIP_TAKEN", "node:" + NODE_B), "node B took the lead once");
        figure("retention sweeps: node A " + aSweepsWhileBLeads + " before B led, none while B led, one after taking over; node B "
                + sweeps(nodeB.log()) + " while it led; duplicates = 0");

        // Back as a follower: the restarted node leaves the lead where it is.
        nodeB.start();
        Thread.sleep(4_000);
        assertTrue(!leaderIsB(), "the restarted node B does not take the lead from node A: " + Database.query(LEADER));
        assertEquals(1, count("LEADERSHIP_TAKEN", "node:" + NODE_B));
    }

    private static boolean leaderIsB() {
        return Database.query(LEADER).stream().anyMatch(row -> ((String) row.get("application_name")).contains(" " + NODE_B + " "));
    }

    private static long count(String action, String target) {
        String sql = "select count(*) as n from audit_event where action = ?" + (target == null ? "" : " and target = ?");
        Object[] parameters = target == null ? new Object[] {action} : new Object[] {action, target};
        return ((Number) Database.query(sql, parameters).get(0).get("n")).longValue();
    }

    private static long sweeps(Path log) {
        try {
            return Arrays.stream(Files.readString(log, StandardCharsets.ISO_8859_1).split("\n"))
                    .filter(line -> line.contains("Retention sweep:")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long lastSeq() {
        return ((Number) Database.query("select coalesce(max(seq), 0) as seq from audit_event").get(0).get("seq")).longValue();
    }

    private static Duration awaitTotal(ApiClient client, String word, int total, Duration patience) {
        Instant begin = Instant.now();
        await(() -> {
            ApiClient.Reply reply = client.get("/api/search?size=1&q=" + word);
            return reply.status() == 200 && reply.json().get("total").asInt() >= total;
        }, patience, total + " hits for " + word);
        return Duration.between(begin, Instant.now());
    }

    /**
     * The desk through a round-robin proxy with the policy of deploy/proxy/haproxy.cfg (the same one
     * {@code ./archive run --nodes 2} starts): each browser is pinned to the node that first served
     * it, so its sign-in postback and its session stay there; desk users land on both nodes; REST
     * calls, which carry their credentials, are spread request by request.
     */
    @Test
    void theDeskWorksThroughARoundRobinProxyThatPinsEachBrowserToItsNode() throws Exception {
        try (StickyProxy proxy = new StickyProxy(new InetSocketAddress("127.0.0.1", 0), List.of(
                new StickyProxy.Node("a", URI.create("http://127.0.0.1:" + System.getProperty("it.http.port") + "/")),
                new StickyProxy.Node("b", URI.create("http://127.0.0.1:" + nodeB.httpPort() + "/"))))) {
            Users.Account clerk = Users.account("proxydesk", "CONFIDENTIAL", "理赔部", "CLERK");
            String dossier = Dossiers.create(clerk.api(), Dossiers.claim("车险", "理赔部", "INTERNAL")).get("id").asText();
            Map<String, Integer> before = proxy.served();
            Set<String> landedOn = new TreeSet<>();
            for (int browser = 0; browser < 4; browser++) {
                Map<String, Integer> start = proxy.served();
                DeskSession desk = DeskSession.signIn(clerk, proxy.port());
                for (String page : List.of("/ui/home.xhtml", "/ui/search.xhtml?q=" + java.net.URLEncoder.encode("车险", StandardCharsets.UTF_8),
                        "/ui/dossier.xhtml?id=" + dossier)) {
                    DeskSession.Page answer = desk.get(page);
                    assertEquals(200, answer.status(), page + " through the proxy: " + answer.location());
                    assertTrue(!answer.body().contains("id=\"signin\""), page + " answered the sign-in form: the session was lost");
                }
                Map<String, Integer> end = proxy.served();
                List<String> used = end.keySet().stream().filter(node -> !end.get(node).equals(start.get(node))).toList();
                assertEquals(1, used.size(), "browser " + browser + " was served by " + used);
                landedOn.add(used.get(0));
            }
            assertEquals(Set.of("a", "b"), landedOn, "desk users land on both nodes");

            ApiClient api = clerk.api().on(proxy.port());
            Map<String, Integer> beforeApi = proxy.served();
            for (int call = 0; call < 10; call++) {
                assertEquals(200, api.get("/api/dossiers/" + dossier).status());
            }
            Map<String, Integer> afterApi = proxy.served();
            for (String node : List.of("a", "b")) {
                assertEquals(5, afterApi.get(node) - beforeApi.get(node), "REST calls alternate: " + beforeApi + " -> " + afterApi);
            }
            figure("desk through the sticky proxy: 4 browsers, " + landedOn.size() + " nodes, every page of each from its own node; "
                    + "10 REST calls spread 5/5; requests per node " + proxy.served() + " (from " + before + ")");
        }
    }

    private static void await(BooleanSupplier done, Duration patience, String what) {
        Instant deadline = Instant.now().plus(patience);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within " + patience);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A word of letters only, so the analyzers keep it whole and only this test's items hold it. */
    private static String letters() {
        return "cl" + TestEnvironment.random(5).chars().mapToObj(c -> String.valueOf((char) ('g' + Character.digit(c, 16))))
                .collect(Collectors.joining());
    }

    private static String seconds(Duration duration) {
        return String.format("%.2f s", duration.toMillis() / 1000.0);
    }

    private static void figure(String line) {
        figures.add(line);
        System.out.println("ClusterIT " + line);
    }
}
