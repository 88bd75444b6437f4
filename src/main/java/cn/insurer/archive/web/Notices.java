package cn.insurer.archive.web;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.util.Map;

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
        problem(formId, problem, Map.of());
    }

    /**
     * As {@link #problem(String, ProblemException)}, with the page's own sentence for a refusal a
     * field's name does not explain: "dossierIds" required, where the page asks to tick dossiers,
     * reads 请勾选案卷 rather than 案卷：必填. Keys are {@code field:messageKey}.
     */
    public void problem(String formId, ProblemException problem, Map<String, String> sentences) {
        summary(problem);
        for (FieldError error : problem.errors()) {
            String sentence = sentences.get(error.field() + ":" + error.messageKey());
            if (sentence != null) {
                error(sentence);
                continue;
            }
            String message = Messages.get(language.getLocale(), error.messageKey(), error.args());
            field(formId == null ? null : formId + ":" + error.field().replace('.', '_'),
                    Messages.fieldLabel(language.getLocale(), error.field()), message);
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
                new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.get(language.getLocale(), "problem.field", label, message), message));
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
