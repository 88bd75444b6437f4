package cn.insurer.archive.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.it.ApiClient;
import cn.insurer.archive.it.Database;
import cn.insurer.archive.it.Dossiers;
import cn.insurer.archive.it.ServerTestBase;
import cn.insurer.archive.it.Users;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Sustained mixed load on one node, bounded in clients and time, loopback only:
 * {@code bench.load.clients} (50) people working at once for {@code bench.load.minutes} (10) —
 * clerks filing uploads, adjusters searching and reading, heads and managers deciding loans,
 * auditors pulling registers and the trail. Before the load, each operation is timed alone by one
 * client (the baseline in the same run); the table gives, per operation, throughput and p50/p99
 * under load and the p99 ratio to the lone client. Afterwards: no 5xx, the audit chain verifies,
 * every uploaded SHA-256 is filed, the server's resident memory in the first and the last
 * minute, and its live heap after a full collection before the load, halfway and after it.
 * Run: {@code mvn -B verify -Pbench -Dit.test=LoadBench [-Dbench.load.minutes=10]}.
 * The load generator runs on the same machine as the server, and takes its share of the cores.
 */
class LoadBench extends ServerTestBase {

    private static final int CLIENTS = Integer.getInteger("bench.load.clients", 50);
    private static final double MINUTES = Double.parseDouble(System.getProperty("bench.load.minutes", "10"));
    private static final String DEPARTMENT = "理赔部";
    private static final List<String> WORDS = List.of("车险", "追尾", "定损", "维修", "发票", "查勘", "人伤", "医疗", "赔款", "报案",
            "保险期间", "免赔", "代位求偿", "交强险", "商业险", "全损", "残值", "施救", "诉讼", "调解");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(8)).build();

    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> alone = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<String> serverErrors = new CopyOnWriteArrayList<>();
    private final Set<String> uploaded = ConcurrentHashMap.newKeySet();
    private final List<String> openDossiers = new CopyOnWriteArrayList<>();
    private final List<String> restrictedDossiers = new CopyOnWriteArrayList<>();

    /** One person's credentials, for the bench's own client (no contract check on the hot path). */
    private record Person(String username, String password, String role) {
        String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void fiftyPeopleForTenMinutesWithNothingLost() throws Exception {
        String marker = "load" + Long.toString(System.nanoTime(), 36);
        List<Person> people = people(marker);
        Person anyClerk = people.stream().filter(p -> p.role().equals("CLERK")).findFirst().orElseThrow();
        Person anyAdjuster = people.stream().filter(p -> p.role().equals("ADJUSTER")).findFirst().orElseThrow();
        seed(anyClerk, marker);

        Map<String, Person> lone = Map.of("upload", anyClerk, "search", anyAdjuster, "read", anyAdjuster, "borrow", anyAdjuster,
                "decide", first(people, "DEPARTMENT_HEAD"), "decide again", first(people, "ARCHIVE_MANAGER"),
                "register", first(people, "AUDITOR"), "trail", first(people, "AUDITOR"));
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            for (String step : List.of("upload", "search", "read", "borrow", "decide", "decide again", "register", "trail")) {
                work(lone.get(step), step.replace(" again", ""), random, marker, alone);
            }
        }

        List<Long> liveHeap = new CopyOnWriteArrayList<>(List.of(ServerProcess.liveHeapMib()));
        List<Long> rss = new CopyOnWriteArrayList<>();
        Instant start = Instant.now();
        Instant end = start.plus(Duration.ofMillis((long) (MINUTES * 60_000)));
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Person person = people.get(i);
            Random own = new Random(i);
            running.add(pool.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    work(person, pick(person, own), own, marker, latencies);
                    pause(own);
                }
                return null;
            }));
        }
        Instant halfway = start.plus(Duration.between(start, end).dividedBy(2));
        Thread sampler = new Thread(() -> {
            boolean halfwayTaken = false;
            while (Instant.now().isBefore(end)) {
                rss.add(ServerProcess.rssKib());
                if (!halfwayTaken && Instant.now().isAfter(halfway)) {
                    liveHeap.add(ServerProcess.liveHeapMib());
                    halfwayTaken = true;
                }
                sleep(10_000);
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        sampler.join();
        liveHeap.add(ServerProcess.liveHeapMib());

        ApiClient auditor = Users.create("loadaud", "SECRET", "档案室", "AUDITOR");
        JsonNode verified = auditor.get("/api/audit/verify").json();
        List<Map<String, Object>> filed = Database.query("select count(distinct sha256) as n from item where sha256 = any(?)",
                (Object) uploaded.toArray(String[]::new));
        long filedCount = ((Number) filed.get(0).get("n")).longValue();

        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format(Locale.ROOT, "=== Load: %d clients for %.1f min on one node, %d cores (the load generator shares them) ===",
                CLIENTS, seconds / 60, Runtime.getRuntime().availableProcessors()));
        lines.add(String.format(Locale.ROOT, "%-10s %8s %8s %9s %9s %13s %7s", "operation", "count", "per s", "p50 ms", "p99 ms",
                "alone p99 ms", "ratio"));
        for (String operation : new TreeMap<>(latencies).keySet()) {
            List<Long> under = sorted(latencies.get(operation));
            List<Long> single = sorted(alone.getOrDefault(operation, List.of()));
            double p99 = percentile(under, 0.99);
            double aloneP99 = single.isEmpty() ? Double.NaN : percentile(single, 0.99);
            lines.add(String.format(Locale.ROOT, "%-10s %8d %8.1f %9.0f %9.0f %13.0f %7.1f", operation, under.size(), under.size() / seconds,
                    percentile(under, 0.5), p99, aloneP99, p99 / aloneP99));
        }
        lines.add("answers by status: " + new TreeMap<>(Map.copyOf(statuses.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())))));
        lines.add(String.format(Locale.ROOT, "server RSS: first sample %d MiB, last %d MiB, peak %d MiB (%d samples)",
                rss.isEmpty() ? 0 : rss.get(0) / 1024, rss.isEmpty() ? 0 : rss.get(rss.size() - 1) / 1024,
                rss.stream().mapToLong(Long::longValue).max().orElse(0) / 1024, rss.size()));
        lines.add("server heap live after a full collection (MiB): before the load, halfway, after: " + liveHeap);
        lines.add("audit chain after the load: verified=" + verified.get("verified") + ", " + verified.get("events") + " events");
        lines.add("uploads: " + uploaded.size() + " distinct SHA-256 sent and answered 201, " + filedCount + " of them filed");
        String report = String.join(System.lineSeparator(), lines);
        System.out.println(report);
        Files.writeString(Path.of("target", "load-bench.txt"), report + System.lineSeparator());

        assertEquals(List.of(), serverErrors, "no answer 5xx");
        assertTrue(verified.get("verified").asBoolean(), verified::toString);
        assertEquals(uploaded.size(), filedCount, "every uploaded SHA-256 is filed");
    }

    private List<Person> people(String marker) {
        int clerks = Math.max(1, CLIENTS * 3 / 10);
        int auditors = Math.max(1, CLIENTS / 10);
        int heads = Math.max(1, CLIENTS / 10);
        int managers = Math.max(1, CLIENTS / 25);
        int adjusters = Math.max(1, CLIENTS - clerks - auditors - heads - managers);
        List<Person> people = new ArrayList<>();
        add(people, "CLERK", clerks, "CONFIDENTIAL", DEPARTMENT);
        add(people, "ADJUSTER", adjusters, "INTERNAL", DEPARTMENT);
        add(people, "DEPARTMENT_HEAD", heads, "SECRET", DEPARTMENT);
        add(people, "ARCHIVE_MANAGER", managers, "SECRET", "档案室");
        add(people, "AUDITOR", auditors, "SECRET", "档案室");
        Collections.shuffle(people, new Random(marker.hashCode()));
        return people;
    }

    private static void add(List<Person> people, String role, int count, String clearance, String department) {
        for (int i = 0; i < count; i++) {
            Users.Account account = Users.account("ld" + role.substring(0, 3).toLowerCase(Locale.ROOT), clearance, department, role);
            people.add(new Person(account.username(), account.password(), role));
        }
    }

    /** Dossiers to read and to borrow: open ones the adjusters may read, and confidential ones they must borrow. */
    private void seed(Person clerk, String marker) throws Exception {
        ApiClient api = ApiClient.as(clerk.username(), clerk.password());
        for (int i = 0; i < 20; i++) {
            String level = i % 2 == 0 ? "INTERNAL" : "CONFIDENTIAL";
            String id = Dossiers.create(api, Dossiers.claim("车险", DEPARTMENT, level)
                    .put("title", "张伟 车险 " + WORDS.get(i) + " 理赔案卷 " + marker + " " + i)).get("id").asText();
            (level.equals("INTERNAL") ? openDossiers : restrictedDossiers).add(id);
        }
    }

    private static String pick(Person person, Random random) {
        return switch (person.role()) {
            case "CLERK" -> random.nextInt(10) < 7 ? "upload" : "search";
            case "ADJUSTER" -> switch (random.nextInt(10)) {
                case 0 -> "borrow";
                case 1, 2, 3, 4 -> "search";
                default -> "read";
            };
            case "DEPARTMENT_HEAD", "ARCHIVE_MANAGER" -> random.nextInt(10) < 6 ? "decide" : "search";
            default -> random.nextInt(10) < 5 ? "register" : "trail";
        };
    }

    private void work(Person person, String operation, Random random, String marker, Map<String, List<Long>> into) {
        try {
            switch (operation) {
                case "upload" -> upload(person, random, marker, into);
                case "search" -> timed(into, "search", request(person, "/api/search?size=20&q="
                        + URLEncoder.encode(WORDS.get(random.nextInt(WORDS.size())) + " " + marker, StandardCharsets.UTF_8)).GET());
                case "read" -> read(person, random, into);
                case "borrow" -> timed(into, "borrow", request(person, "/api/loans").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("dossierId",
                                restrictedDossiers.get(random.nextInt(restrictedDossiers.size())), "purpose", "类似案件参考",
                                "kind", "VIEW", "days", 3)))));
                case "decide" -> decide(person, into);
                case "register" -> timed(into, "register", request(person, "/api/reports/loan-register?format=csv").GET());
                default -> timed(into, "trail", request(person, "/api/audit?page=0").GET());
            }
        } catch (IOException e) {
            serverErrors.add(operation + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void upload(Person clerk, Random random, String marker, Map<String, List<Long>> into) throws IOException, InterruptedException {
        String dossier = openDossiers.get(random.nextInt(openDossiers.size()));
        StringBuilder text = new StringBuilder("查勘报告 " + marker + " ");
        for (int i = 0; i < 400; i++) {
            text.append(WORDS.get(random.nextInt(WORDS.size()))).append(i % 20 == 0 ? "。\n" : "，");
        }
        text.append(random.nextLong());
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        String boundary = "----load" + random.nextLong();
        String metadata = JSON.writeValueAsString(Dossiers.itemMetadata("查勘报告", "SURVEY_REPORT"));
        byte[] body = concat(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n"
                + metadata + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"survey.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8), bytes,
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> reply = timed(into, "upload", request(clerk, "/api/dossiers/" + dossier + "/items")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        if (reply.statusCode() == 201) {
            uploaded.add(sha256(bytes));
        }
    }

    private void read(Person adjuster, Random random, Map<String, List<Long>> into) throws IOException, InterruptedException {
        String dossier = openDossiers.get(random.nextInt(openDossiers.size()));
        HttpResponse<byte[]> reply = timed(into, "read", request(adjuster, "/api/dossiers/" + dossier).GET());
        if (reply.statusCode() == 200) {
            JsonNode items = JSON.readTree(reply.body()).get("items");
            if (items != null && !items.isEmpty()) {
                String item = items.get(random.nextInt(items.size())).get("id").asText();
                timed(into, "content", request(adjuster, "/api/items/" + item + "/content").GET());
            }
        }
    }

    /** An approver takes the oldest request waiting for their role and approves it. */
    private void decide(Person approver, Map<String, List<Long>> into) throws IOException, InterruptedException {
        HttpResponse<byte[]> waiting = timed(into, "inbox", request(approver, "/api/loans?status=REQUESTED&size=20").GET());
        if (waiting.statusCode() != 200) {
            return;
        }
        for (JsonNode loan : JSON.readTree(waiting.body()).get("loans")) {
            if (approver.role().equals(loan.path("nextApprover").asText())) {
                timed(into, "approve", request(approver, "/api/loans/" + loan.get("id").asText() + "/approve")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"同意\"}")));
                return;
            }
        }
    }

    private HttpRequest.Builder request(Person person, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + System.getProperty("it.http.port") + path))
                .header("Authorization", person.authorization()).header("Accept-Language", "zh-CN").timeout(Duration.ofMinutes(2));
    }

    private HttpResponse<byte[]> timed(Map<String, List<Long>> into, String operation, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<byte[]> reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        long millis = (System.nanoTime() - started) / 1_000_000;
        into.computeIfAbsent(operation, key -> Collections.synchronizedList(new ArrayList<>())).add(millis);
        statuses.computeIfAbsent(reply.statusCode(), key -> new AtomicInteger()).incrementAndGet();
        if (reply.statusCode() >= 500) {
            serverErrors.add(operation + " " + reply.statusCode() + " " + new String(reply.body(), StandardCharsets.UTF_8));
        }
        return reply;
    }

    private static void pause(Random random) {
        sleep(200 + random.nextInt(800));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Person first(List<Person> people, String role) {
        return people.stream().filter(p -> p.role().equals(role)).findFirst().orElseThrow();
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy;
        synchronized (values) {
            copy = new ArrayList<>(values);
        }
        Collections.sort(copy);
        return copy;
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
