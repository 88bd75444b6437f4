package cn.insurer.archive.web;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemException;
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
        summary(problem);
        for (FieldError error : problem.errors()) {
            String message = Messages.get(language.getLocale(), error.messageKey(), error.args());
            String label = text.get("field." + error.field());
            field(formId == null ? null : formId + ":" + error.field().replace('.', '_'),
                    label.startsWith("field.") ? error.field() : label, message);
        }
    }

    /** The refusal's one sentence at the top of the page. */
    public void summary(ProblemException problem) {
        // The API's summary points to its "errors" array; on the desk the fields are marked instead.
        String summary = "problem.validation".equals(problem.messageKey())
                ? text.get("form.invalid")
                : Messages.get(language.getLocale(), problem.messageKey(), problem.args());
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, null));
    }

    /**
     * One refused field: "label: message" in the page's list of messages, the message alone beside
     * the input when the page shows one there.
     */
    public void field(String clientId, String label, String message) {
        FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, text.get("form.field.problem", label, message), message));
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
