package cn.insurer.archive.web;

import cn.insurer.archive.problem.Messages;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Locale;

/** The desk's language for this session: Chinese until the user switches in the header. */
@Named
@SessionScoped
public class Language implements Serializable {

    private static final long serialVersionUID = 1L;

    private Locale locale = Messages.DEFAULT_LOCALE;

    public Locale getLocale() {
        return locale;
    }

    public boolean isEnglish() {
        return Locale.ENGLISH.equals(locale);
    }

    /** Switches and reloads the same page, keeping its parameters. */
    public String switchTo(String tag) {
        locale = "en".equals(tag) ? Locale.ENGLISH : Messages.DEFAULT_LOCALE;
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getViewRoot().setLocale(locale);
        return faces.getViewRoot().getViewId() + "?faces-redirect=true&includeViewParams=true";
    }
}
