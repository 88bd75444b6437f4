package cn.insurer.archive.web;

import cn.insurer.archive.config.ShownTimes;
import cn.insurer.archive.access.ArchiveAuthentication;
import cn.insurer.archive.access.LoginThrottle;
import cn.insurer.archive.access.oidc.OidcLogin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The sign-in page: the form hands the credentials to the archive's authentication mechanism; with
 * an OpenID provider configured, a link starts the provider's sign-in instead, and a refusal it
 * left behind is shown once. A sign-in refused because of too many failures says until when.
 */
@Named
@RequestScoped
public class SignInPage {

    @Inject
    SecurityContext security;

    @Inject
    Notices notices;

    @Inject
    ShownTimes times;

    @Inject
    OidcLogin oidc;

    private String username;
    private String password;

    public String signIn() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        AuthenticationStatus status = security.authenticate((HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username == null ? "" : username,
                                new Password(password == null ? "" : password))));
        if (status == AuthenticationStatus.SUCCESS) {
            return "/ui/home.xhtml?faces-redirect=true";
        }
        if (status == AuthenticationStatus.SEND_CONTINUE) {
            faces.responseComplete();
            return null;
        }
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (request.getAttribute(ArchiveAuthentication.LOCKED) instanceof LoginThrottle.Lock lock) {
            HttpServletResponse response = (HttpServletResponse) external.getResponse();
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(Math.max(1, lock.retryAfterSeconds())));
            notices.error("signin.locked", lock.minutes(), times.preciseFormatter().format(lock.until()));
            return null;
        }
        notices.error("signin.failed");
        return null;
    }

    public boolean isOidcEnabled() {
        return oidc.enabled();
    }

    public String getOidcStart() {
        return OidcLogin.START;
    }

    /** Shown once: the refusal is taken out of the session as it is put on the page. */
    public void showOidcRefusal() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(OidcLogin.REFUSAL) instanceof OidcLogin.Refusal refusal) {
            session.removeAttribute(OidcLogin.REFUSAL);
            if (refusal.argument() == null) {
                notices.error(refusal.messageKey());
            } else {
                notices.error(refusal.messageKey(), refusal.argument());
            }
        }
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
