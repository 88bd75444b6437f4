package cn.insurer.archive.web;

import cn.insurer.archive.access.CurrentUser;
import cn.insurer.archive.access.Permission;
import cn.insurer.archive.access.Role;
import cn.insurer.archive.access.User;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.config.ShownTimes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Who sits at the desk: the header's name and roles, the menu's choices, signing out. */
@Named
@RequestScoped
public class Desk {

    @Inject
    CurrentUser currentUser;

    @Inject
    UiText text;

    @Inject
    Notices notices;

    @Inject
    ShownTimes times;

    public User getUser() {
        return currentUser.get();
    }

    /** Whether someone is signed in: the error pages show the desk around them for them, a bare page for anyone else. */
    public boolean isSignedIn() {
        try {
            currentUser.get();
            return true;
        } catch (ProblemException notSignedIn) {
            return false;
        }
    }

    /** Whether the signed-in user's roles grant the named {@link Permission}, for what a page shows. */
    public boolean may(String permission) {
        return currentUser.get().may(Permission.valueOf(permission));
    }

    /** Whether the user holds the role itself, for what only that role's turn shows (a signature due). */
    public boolean has(String role) {
        return currentUser.get().hasRole(Role.valueOf(role));
    }

    /**
     * A page's entry check, run once as its view action: a refusal is audited like the API's and
     * the user is sent home with the reason.
     */
    public String require(String permission) {
        try {
            currentUser.require(Permission.valueOf(permission));
            return null;
        } catch (ProblemException problem) {
            notices.problem(problem);
            notices.keepForNextPage();
            return "/ui/home.xhtml?faces-redirect=true";
        }
    }

    /** Times as the desk shows them: to the minute, in the archive's one zone, as its documents do. */
    public String time(Instant instant) {
        return times.format(instant);
    }

    /** A file's size as people say it (1.1 MB), the same on every page. */
    public String size(Long bytes) {
        return FileSizes.of(bytes);
    }

    public String getRoleNames() {
        List<String> names = currentUser.get().roles().stream().sorted().map(role -> text.get("role." + role.name())).toList();
        return String.join("、", names);
    }

    public String signOut() throws ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        return "/ui/login.xhtml?faces-redirect=true";
    }
}
