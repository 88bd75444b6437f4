package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.User;
import cn.insurer.archive.report.Registers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** 报表: the registers this user's roles may download, each as CSV, XLSX or PDF. */
@Named
@RequestScoped
public class ReportsPage {

    @Inject
    CurrentUser currentUser;

    @Inject
    Registers registers;

    public record Entry(String name, String title) {
    }

    public List<Entry> getRegisters() {
        User user = currentUser.get();
        return registers.all().stream().filter(register -> register.readers().stream().anyMatch(user::hasRole))
                .map(register -> new Entry(register.name(), register.title())).toList();
    }
}
