package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.SecurityLevel;
import cn.insurer.archive.access.User;
import cn.insurer.archive.access.UserDirectory;
import cn.insurer.archive.access.UserRepository;
import cn.insurer.archive.problem.ProblemException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** 用户管理 (ADMIN): users with their roles, clearance and department; new users; changes audited by UserDirectory. */
@Named
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 500;

    @Inject
    CurrentUser currentUser;

    @Inject
    UserRepository users;

    @Inject
    UserDirectory directory;

    @Inject
    Notices notices;

    private final Form form = new Form();
    private boolean editing;

    /** What the form edits, for a new user or a change; blank password on a change keeps the old one. */
    public static final class Form implements Serializable {
        private static final long serialVersionUID = 1L;
        public String username;
        public String displayName;
        public String password;
        public List<Role> roles = new ArrayList<>();
        public SecurityLevel clearance = SecurityLevel.INTERNAL;
        public String department;
        public String email;
        public boolean enabled = true;

        public String getUsername() { return username; }
        public void setUsername(String value) { username = value; }
        public String getDisplayName() { return displayName; }
        public void setDisplayName(String value) { displayName = value; }
        public String getPassword() { return password; }
        public void setPassword(String value) { password = value; }
        public List<Role> getRoles() { return roles; }
        public void setRoles(List<Role> value) { roles = value; }
        public SecurityLevel getClearance() { return clearance; }
        public void setClearance(SecurityLevel value) { clearance = value; }
        public String getDepartment() { return department; }
        public void setDepartment(String value) { department = value; }
        public String getEmail() { return email; }
        public void setEmail(String value) { email = value; }
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean value) { enabled = value; }
    }

    public record Row(String username, String displayName, Set<Role> roles, SecurityLevel clearance, String department,
                      boolean enabled) implements Serializable {
    }

    @Transactional
    public List<Row> getUsers() {
        currentUser.require(Permission.USER_READ);
        return users.list(0, SHOWN).stream().map(user -> new Row(user.username(), user.displayName(),
                new TreeSet<>(user.roles()), user.clearance(), user.department(), user.enabled())).toList();
    }

    public void edit(Row row) {
        editing = true;
        form.username = row.username();
        form.displayName = row.displayName();
        form.password = null;
        form.roles = new ArrayList<>(row.roles());
        form.clearance = row.clearance();
        form.department = row.department();
        form.enabled = row.enabled();
    }

    public void startNew() {
        editing = false;
        form.username = null;
        form.displayName = null;
        form.password = null;
        form.roles = new ArrayList<>();
        form.clearance = SecurityLevel.INTERNAL;
        form.department = null;
        form.email = null;
        form.enabled = true;
    }

    public void save() {
        try {
            currentUser.require(editing ? Permission.USER_CHANGE : Permission.USER_CREATE);
            Set<Role> roles = form.roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(form.roles);
            User saved = editing
                    ? directory.change(currentUser.actor(), form.username, new UserDirectory.UserChange(form.displayName,
                            blank(form.password), roles, form.clearance, form.department, form.enabled, blank(form.email)))
                    : directory.create(currentUser.actor(), new UserDirectory.NewUser(form.username, form.password,
                            form.displayName, roles, form.clearance, form.department, blank(form.email)));
            notices.info("users.saved", saved.username());
            startNew();
        } catch (ProblemException problem) {
            notices.problem(problem);
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public Role[] getAllRoles() {
        return Role.values();
    }

    public SecurityLevel[] getLevels() {
        return SecurityLevel.values();
    }

    public Form getForm() {
        return form;
    }

    public boolean isEditing() {
        return editing;
    }
}
