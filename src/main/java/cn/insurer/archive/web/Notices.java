package cn.insurer.archive.web;

import cn.insurer.archive.api.FieldError;
import cn.insurer.archive.api.Messages;
import cn.insurer.archive.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;

/**
 * Puts outcomes on the page as messages a clerk understands: refusals in the same words (and
 * language) as the API's problem details, successes from the desk's bundle.
 */
@ApplicationScoped
public class Notices {

    @Inject
    Language language;

    @Inject
    UiText text;

    public void problem(ProblemException problem) {
        problem(null, problem);
    }

    /** Field errors go next to the form's inputs when their ids follow the JSON field names. */
    public void problem(String formId, ProblemException problem) {
        FacesContext faces = FacesContext.getCurrentInstance();
        // The API's summary points to its "errors" array; on the desk the fields are marked instead.
        String summary = "problem.validation".equals(problem.messageKey())
                ? text.get("form.invalid")
                : Messages.get(language.getLocale(), problem.messageKey(), problem.args());
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, null));
        for (FieldError error : problem.errors()) {
            String message = Messages.get(language.getLocale(), error.messageKey(), error.args());
            String label = text.get("field." + error.field());
            FacesMessage entry = new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    (label.startsWith("field.") ? error.field() : label) + "：" + message, null);
            faces.addMessage(formId == null ? null : formId + ":" + error.field().replace('.', '_'), entry);
        }
    }

    public void info(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, text.get(key, args), null));
    }

    public void error(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, text.get(key, args), null));
    }

    /** Keeps messages across the redirect that follows a successful action. */
    public void keepForNextPage() {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    }
}
