package cn.insurer.archive.report;

import cn.insurer.archive.access.AccessPolicy;
import cn.insurer.archive.access.User;
import cn.insurer.archive.audit.AuditLog;
import cn.insurer.archive.audit.Outcome;
import cn.insurer.archive.config.ArchiveSettings;
import cn.insurer.archive.config.ShownTimes;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Generates registers. Rows are read through a database cursor and written straight to the
 * response, so a register of a million rows needs no more memory than one of ten.
 */
@ApplicationScoped
public class Registers {

    @Inject
    ShownTimes times;

    @Inject
    Clock clock;

    @Inject
    Instance<Register> registers;

    @Inject
    AuditLog audit;

    @Inject
    AccessPolicy access;

    @Inject
    ArchiveSettings settings;

    @Resource(lookup = "java:jboss/datasources/ArchiveDS")
    DataSource dataSource;

    /** Every register, by name, for listing what a user may download. */
    public List<Register> all() {
        return registers.stream().sorted(java.util.Comparator.comparing(Register::name)).toList();
    }

    public Optional<Register> find(String name) {
        return registers.stream().filter(register -> register.name().equals(name)).findFirst();
    }

    /** The name a download of the register is saved under: the register and the day, as its header dates it. */
    public String fileName(Register register, ReportFormat format) {
        return register.name() + "-" + LocalDate.now(clock.withZone(times.zone())) + "." + format.extension();
    }

    /** Checked before the response starts, so the caller still gets a clear error. */
    public boolean canRender(ReportFormat format) {
        return format != ReportFormat.PDF || Files.isReadable(settings.pdfFont());
    }

    /**
     * Writes the register as the reader may see it: every register is confined here, in one place,
     * to the dossiers the reader's clearance and department cover, as the lists of the API are.
     */
    @Transactional
    public void write(AuditLog.Actor actor, User reader, Register register, ReportFormat format, ReportFilter requested,
                      OutputStream out) {
        ReportFilter filter = requested.confinedTo(access.scopeOf(reader), reader);
        String described = filter.describe(times::format);
        ReportHeader header = ReportHeader.forRegister(register.title(), times.format(clock.instant()), ReportHeader.person(reader), described,
                register.columns());
        try (Connection connection = dataSource.getConnection(); RowSink sink = open(format, header, out)) {
            register.rows(connection, filter, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the register " + register.name(), e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report", register.name());
        details.put("format", format.name());
        details.put("filter", described);
        audit.record(actor, ReportAuditActions.REPORT_GENERATED, "report:" + register.name(), Outcome.SUCCESS, details);
    }

    /**
     * The register's rows as the reader may see them, for a page to show (the statistics' charts):
     * confined and audited exactly as {@link #write} is. Only for registers of a bounded size.
     */
    @Transactional
    public List<List<String>> rows(AuditLog.Actor actor, User reader, Register register, ReportFilter requested) {
        ReportFilter filter = requested.confinedTo(access.scopeOf(reader), reader);
        List<List<String>> rows = new java.util.ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            register.rows(connection, filter, new RowSink() {
                @Override
                public void row(List<String> cells) {
                    rows.add(List.copyOf(cells));
                }

                @Override
                public void close() {
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the register " + register.name(), e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report", register.name());
        details.put("format", "PAGE");
        details.put("filter", filter.describe(times::format));
        audit.record(actor, ReportAuditActions.REPORT_GENERATED, "report:" + register.name(), Outcome.SUCCESS, details);
        return rows;
    }

    private RowSink open(ReportFormat format, ReportHeader header, OutputStream out) throws IOException {
        return open(format, header, out, settings.pdfFont(), times.zone());
    }

    /** A register's document in {@code format}, every time in it in the archive's zone: spreadsheets to the second, PDF to the minute. */
    static RowSink open(ReportFormat format, ReportHeader header, OutputStream out, java.nio.file.Path font, java.time.ZoneId zone)
            throws IOException {
        return switch (format) {
            case CSV -> new TimeCells(new CsvRowSink(out, header), ShownTimes.toTheSecond(zone));
            case XLSX -> new TimeCells(new XlsxRowSink(out, header), ShownTimes.toTheSecond(zone));
            case PDF -> new PdfRowSink(out, header, font, PdfRowSink.Layout.REGISTER, zone);
        };
    }
}
