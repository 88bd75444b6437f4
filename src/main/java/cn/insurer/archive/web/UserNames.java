package cn.insurer.archive.web;

import cn.insurer.archive.access.User;
import cn.insurer.archive.access.UserRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.Map;

/**
 * People as the desk names them: their display name, the username kept for whoever needs the
 * account. Looked up once per request however often a list names the same person.
 */
@Named
@RequestScoped
public class UserNames {

    @Inject
    UserRepository users;

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> departments = new HashMap<>();

    /** The display name, or the username itself for an account that has none or no longer exists. */
    public String of(String username) {
        if (username == null) {
            return "";
        }
        return names.computeIfAbsent(username, name -> users.find(name).map(User::displayName)
                .filter(display -> !display.isBlank()).orElse(name));
    }

    /** The person's department, for an approver weighing who asks; empty for an account without one. */
    public String departmentOf(String username) {
        if (username == null) {
            return "";
        }
        return departments.computeIfAbsent(username, name -> users.find(name).map(User::department)
                .filter(department -> department != null).orElse(""));
    }
}
