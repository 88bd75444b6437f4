package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.report.HoldingsStatistics;
import cn.insurer.archive.report.Registers;
import cn.insurer.archive.report.ReportFilter;
import cn.insurer.archive.report.StatisticsRegister;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 统计: the archive's figures as charts, drawn from exactly the rows of the 档案统计 register (so
 * the page and its XLSX/PDF export never disagree), confined to what the reader may see. A
 * section whose figures are not all counts (the overdue rate) is shown as a table alone.
 */
@Named
@RequestScoped
public class StatisticsPage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLOR = "#2f6db5";
    private static final List<String> PALETTE = List.of("#2f6db5", "#e0893a", "#4a9d5b", "#c0504d", "#7e6bb5", "#8c8c8c");
    private static final Set<String> SHARES = Set.of(HoldingsStatistics.BY_LEVEL, HoldingsStatistics.BY_CATEGORY);

    @Inject
    CurrentUser currentUser;

    @Inject
    Registers registers;

    private List<Section> sections;

    /** One figure of a section: its group and the number (or rate) the register gives. */
    public record Figure(String group, String value) {
    }

    public record Section(String name, List<Figure> figures, String chart) {

        public boolean charted() {
            return chart != null;
        }
    }

    public List<Section> getSections() {
        if (sections == null) {
            currentUser.require(Permission.REPORT_LIST);
            StatisticsRegister register = (StatisticsRegister) registers.find(StatisticsRegister.NAME).orElseThrow();
            Map<String, List<Figure>> grouped = new LinkedHashMap<>();
            for (List<String> row : registers.rows(currentUser.actor(), currentUser.get(), register, new ReportFilter(null, null, null))) {
                grouped.computeIfAbsent(row.get(0), name -> new ArrayList<>()).add(new Figure(row.get(1), row.get(2)));
            }
            sections = grouped.entrySet().stream().map(entry -> new Section(entry.getKey(), entry.getValue(),
                    chart(entry.getKey(), entry.getValue()))).toList();
        }
        return sections;
    }

    /** A Chart.js configuration for the section, or null when a figure is not a count. */
    private static String chart(String section, List<Figure> figures) {
        if (figures.isEmpty() || !figures.stream().allMatch(figure -> figure.value().matches("\\d+"))) {
            return null;
        }
        ObjectNode config = JSON.createObjectNode();
        boolean shares = SHARES.contains(section);
        boolean monthly = section.equals(HoldingsStatistics.PER_MONTH);
        config.put("type", shares ? "doughnut" : monthly ? "line" : "bar");
        ObjectNode data = config.putObject("data");
        ArrayNode labels = data.putArray("labels");
        ObjectNode dataset = data.putArray("datasets").addObject().put("label", section);
        ArrayNode counts = dataset.putArray("data");
        ArrayNode colors = dataset.putArray("backgroundColor");
        for (int index = 0; index < figures.size(); index++) {
            labels.add(figures.get(index).group());
            counts.add(Long.parseLong(figures.get(index).value()));
            if (shares) {
                colors.add(PALETTE.get(index % PALETTE.size()));
            }
        }
        if (!shares) {
            colors.add(COLOR);
        }
        dataset.put("borderColor", COLOR);
        ObjectNode options = config.putObject("options").put("maintainAspectRatio", false).put("responsive", true);
        options.putObject("plugins").putObject("legend").put("display", shares).put("position", "right");
        if (!shares) {
            // Counts: whole numbers from zero up, never a tick at 0.5.
            options.putObject("scales").putObject("y").put("beginAtZero", true).putObject("ticks").put("precision", 0);
        }
        return config.toString();
    }
}
