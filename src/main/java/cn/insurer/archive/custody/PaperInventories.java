package cn.insurer.archive.custody;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.User;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.report.RegisterQuery;
import cn.insurer.archive.report.ReportFilter;
import cn.insurer.archive.report.RowSink;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * 盘点: an inventory of the paper. Starting one lists what the shelves should hold — every sealed
 * dossier with a recorded place, in the whole store or one room — box by box; scanning a cover
 * label checks its dossier off, scanning a box label the whole box; closing it records as missing
 * what was neither found nor out with a borrower. A clerk checks off, and lists and counts, only
 * the dossiers they may read: the lines above their clearance wait for a colleague who may.
 */
@ApplicationScoped
public class PaperInventories {

    /** The states a line can be listed by. */
    public enum LineState {
        PENDING, FOUND, ON_LOAN, MISSING
    }

    public record Summary(Inventory inventory, long expected, long found, long onLoan, long missing, long pending) {
    }

    public record Line(UUID dossierId, String archivalCode, String room, String shelf, String box, String onLoan, Instant foundAt,
                       String foundBy, boolean missing) {

        public LineState state() {
            return foundAt != null ? LineState.FOUND : onLoan != null ? LineState.ON_LOAN : missing ? LineState.MISSING : LineState.PENDING;
        }
    }

    public record Scan(Summary summary, int checkedOff, int alreadyFound) {
    }

    private static final String OUT_NOW = "(select l.number from loan l where l.dossier_id = %s and l.status = 'ACTIVE' "
            + "and l.handed_out_at is not null and l.checked_in_at is null order by l.handed_out_at limit 1)";
    private static final int MAX_ROOM = 100;
    private static final int MISSING_AUDITED = 50;

    @Inject
    java.time.Clock clock;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/ArchiveDS")
    DataSource dataSource;

    @Transactional
    public Summary start(AuditLog.Actor actor, User user, String requestedRoom) {
        String room = requestedRoom == null || requestedRoom.isBlank() ? null : requestedRoom.trim();
        if (room != null && room.length() > MAX_ROOM) {
            throw ProblemException.invalid(List.of(new FieldError("room", "validation.too.long", MAX_ROOM)));
        }
        boolean open = !em.createQuery("select i.id from Inventory i where i.status = :open and coalesce(i.room, '') = :room", UUID.class)
                .setParameter("open", Inventory.Status.OPEN).setParameter("room", room == null ? "" : room).getResultList().isEmpty();
        if (open) {
            throw ProblemException.conflict("problem.inventory.open", room == null ? "" : room);
        }
        Instant now = clock.instant();
        long next = ((Number) em.createNativeQuery("select nextval('inventory_number_seq')").getSingleResult()).longValue();
        Inventory inventory = new Inventory(String.format("PD-%d-%04d", now.atZone(ZoneOffset.UTC).getYear(), next), room,
                user.username(), now);
        em.persist(inventory);
        em.flush();
        int expected = em.createNativeQuery("insert into inventory_line (inventory_id, dossier_id, archival_code, room, shelf, box, "
                        + "security_level, department, on_loan) select ?1, d.id, d.archival_code, d.paper_room, d.paper_shelf, d.paper_box, "
                        + "d.security_level, d.department, " + String.format(OUT_NOW, "d.id") + " from dossier d "
                        + "where d.status = 'SEALED' and d.paper_room is not null and (cast(?2 as text) is null or d.paper_room = ?2)")
                .setParameter(1, inventory.id()).setParameter(2, room).executeUpdate();
        if (expected == 0) {
            throw ProblemException.invalid(List.of(new FieldError("room", "validation.inventory.nothing", room == null ? "" : room)));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", inventory.number());
        details.put("room", room == null ? "" : room);
        details.put("total", expected);
        audit.record(actor, CustodyAuditActions.INVENTORY_STARTED, target(inventory), Outcome.SUCCESS, details);
        return summary(user, inventory);
    }

    /** Checks off what a scanned label names: a dossier by its 档号, or every dossier of a box by its place (室 / 架 / 盒). */
    @Transactional
    public Scan scan(AuditLog.Actor actor, User user, UUID id, String scanned) {
        Inventory inventory = open(id);
        String code = scanned == null ? "" : scanned.trim();
        if (code.isEmpty()) {
            throw ProblemException.invalid(List.of(new FieldError("code", "validation.required")));
        }
        String[] box = code.split(" / ", -1);
        RegisterQuery named = box.length == 3
                ? new RegisterQuery("select cast(x.dossier_id as text), x.found_at is not null from inventory_line x "
                        + "where x.inventory_id = ? and x.room = ? and x.shelf = ? and x.box = ?", inventory.id(), box[0], box[1], box[2])
                : new RegisterQuery("select cast(x.dossier_id as text), x.found_at is not null from inventory_line x "
                        + "where x.inventory_id = ? and upper(x.archival_code) = upper(?)", inventory.id(), code);
        List<List<String>> lines = rows(named.readable("x.security_level", "x.department", scopeOf(user)), "");
        if (lines.isEmpty()) {
            throw ProblemException.invalid(List.of(new FieldError("code", "validation.inventory.code.unknown", code)));
        }
        List<UUID> unchecked = lines.stream().filter(line -> line.get(1).equals("f")).map(line -> UUID.fromString(line.get(0))).toList();
        if (!unchecked.isEmpty()) {
            em.createNativeQuery("update inventory_line set found_at = :at, found_by = :by where inventory_id = :inventory "
                            + "and dossier_id in (:dossiers)")
                    .setParameter("at", clock.instant()).setParameter("by", user.username()).setParameter("inventory", inventory.id())
                    .setParameter("dossiers", unchecked).executeUpdate();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", inventory.number());
        // The code is a dossier's 档号 or the place of a box of them: the event is about those
        // dossiers, and who may not read them is not shown it.
        details.put("dossiers", lines.stream().map(line -> line.get(0)).toList());
        details.put("code", code);
        details.put("found", unchecked.size());
        audit.record(actor, CustodyAuditActions.INVENTORY_SCANNED, target(inventory), Outcome.SUCCESS, details);
        return new Scan(summary(user, inventory), unchecked.size(), lines.size() - unchecked.size());
    }

    /** Closes the inventory: what is neither found nor out with a borrower now is missing. */
    @Transactional
    public Summary close(AuditLog.Actor actor, User user, UUID id) {
        Inventory inventory = open(id);
        em.createNativeQuery("update inventory_line x set on_loan = " + String.format(OUT_NOW, "x.dossier_id")
                + " where x.inventory_id = ?1 and x.found_at is null").setParameter(1, inventory.id()).executeUpdate();
        em.createNativeQuery("update inventory_line set missing = true where inventory_id = ?1 and found_at is null and on_loan is null")
                .setParameter(1, inventory.id()).executeUpdate();
        inventory.close(user.username(), clock.instant());
        @SuppressWarnings("unchecked")
        List<Object[]> missing = em.createNativeQuery("select cast(dossier_id as text), archival_code from inventory_line "
                        + "where inventory_id = ?1 and missing order by room, shelf, box, archival_code")
                .setParameter(1, inventory.id()).setMaxResults(MISSING_AUDITED).getResultList();
        Number total = (Number) em.createNativeQuery("select count(*) from inventory_line where inventory_id = ?1 and missing")
                .setParameter(1, inventory.id()).getSingleResult();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", inventory.number());
        details.put("missing", total.longValue());
        // The 档号 listed are of the dossiers named: who may not read those is not shown them.
        details.put("dossiers", missing.stream().map(row -> (String) row[0]).toList());
        details.put("archivalCode", missing.stream().map(row -> (String) row[1]).collect(Collectors.joining("、")));
        audit.record(actor, CustodyAuditActions.INVENTORY_CLOSED, target(inventory), Outcome.SUCCESS, details);
        return summary(user, inventory);
    }

    @Transactional
    public Optional<Summary> find(User user, UUID id) {
        return Optional.ofNullable(em.find(Inventory.class, id)).map(inventory -> summary(user, inventory));
    }

    /** The number an inventory is known by (PD-2026-0001), as the audit trail names it. */
    @Transactional
    public Optional<String> number(UUID id) {
        return Optional.ofNullable(em.find(Inventory.class, id)).map(Inventory::number);
    }

    /** The inventories, newest first, each counted over what the user may read. */
    @Transactional
    public List<Summary> list(User user, int limit) {
        return em.createQuery("select i from Inventory i order by i.startedAt desc", Inventory.class).setMaxResults(limit)
                .getResultStream().map(inventory -> summary(user, inventory)).toList();
    }

    /** The lines the user may read, box by box; {@code state} narrows them when given. */
    @Transactional
    public List<Line> lines(User user, UUID id, LineState state, int page, int size) {
        String narrowed = state == null ? "" : switch (state) {
            case FOUND -> " and x.found_at is not null";
            case ON_LOAN -> " and x.found_at is null and x.on_loan is not null";
            case MISSING -> " and x.missing";
            case PENDING -> " and x.found_at is null and x.on_loan is null and not x.missing";
        };
        RegisterQuery query = new RegisterQuery("select cast(x.dossier_id as text), x.archival_code, x.room, x.shelf, x.box, x.on_loan, "
                + "x.found_at, x.found_by, x.missing from inventory_line x where x.inventory_id = ?" + narrowed, id)
                .readable("x.security_level", "x.department", scopeOf(user));
        return rows(query, " order by x.room, x.shelf, x.box, x.archival_code limit " + size + " offset " + (long) page * size).stream()
                .map(row -> new Line(UUID.fromString(row.get(0)), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5),
                        row.get(6) == null ? null : Instant.parse(row.get(6)), row.get(7), "t".equals(row.get(8)))).toList();
    }

    private Summary summary(User user, Inventory inventory) {
        List<String> counts = rows(new RegisterQuery("select count(*), count(*) filter (where x.found_at is not null), "
                + "count(*) filter (where x.found_at is null and x.on_loan is not null), count(*) filter (where x.missing) "
                + "from inventory_line x where x.inventory_id = ?", inventory.id())
                .readable("x.security_level", "x.department", scopeOf(user)), "").get(0);
        long expected = Long.parseLong(counts.get(0));
        long found = Long.parseLong(counts.get(1));
        long onLoan = Long.parseLong(counts.get(2));
        long missing = Long.parseLong(counts.get(3));
        return new Summary(inventory, expected, found, onLoan, missing, expected - found - onLoan - missing);
    }

    private Inventory open(UUID id) {
        Inventory inventory = em.find(Inventory.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (inventory == null) {
            throw ProblemException.notFound("problem.inventory.unknown", id);
        }
        inventory.requireOpen();
        return inventory;
    }

    private ReportFilter scopeOf(User user) {
        return new ReportFilter(null, null, null, access.scopeOf(user));
    }

    /** Runs a confined query on the transaction's connection (so it sees this transaction's writes) and keeps its rows as text. */
    private List<List<String>> rows(RegisterQuery query, String tail) {
        em.flush();
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            query.stream(connection, tail, row -> {
                List<String> cells = new ArrayList<>();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    Object value = row.getObject(column);
                    cells.add(value instanceof java.sql.Timestamp time ? time.toInstant().toString()
                            : value instanceof java.time.OffsetDateTime time ? time.toInstant().toString()
                            : value instanceof Boolean flag ? (flag ? "t" : "f") : value == null ? null : value.toString());
                }
                return cells;
            }, new RowSink() {
                @Override
                public void row(List<String> cells) {
                    rows.add(cells);
                }

                @Override
                public void close() {
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read inventory lines", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static String target(Inventory inventory) {
        return "inventory:" + inventory.id();
    }
}
