package cn.insurer.archive.web;

import cn.insurer.archive.problem.ProblemException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.PhaseId;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An action that fails on the server says so on the page: a refusal that escaped its page in the
 * refusal's own words, anything else as one Chinese sentence, never a silent button. The failure
 * is logged with its stack trace for whoever runs the server. Failures while the page is drawn,
 * and expired views, go on to the error pages in {@code web.xml}.
 */
public class DeskFailures extends ExceptionHandlerWrapper {

    private static final Logger LOG = Logger.getLogger(DeskFailures.class.getName());
    /** The template's message area, which every desk page has outside its forms. */
    private static final String MESSAGES = "messages";

    public DeskFailures(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        FacesContext context = FacesContext.getCurrentInstance();
        if (context != null && context.getCurrentPhaseId() != PhaseId.RENDER_RESPONSE) {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                Throwable failure = events.next().getContext().getException();
                if (causedBy(failure, ViewExpiredException.class) != null) {
                    continue;
                }
                tell(context, failure);
                events.remove();
            }
        }
        getWrapped().handle();
    }

    private static void tell(FacesContext context, Throwable failure) {
        ProblemException problem = causedBy(failure, ProblemException.class);
        if (problem != null) {
            CDI.current().select(Notices.class).get().summary(problem);
        } else {
            LOG.log(Level.SEVERE, "A desk action failed on " + context.getViewRoot().getViewId(), failure);
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    CDI.current().select(UiText.class).get().get("action.failed"), null));
        }
        if (context.getPartialViewContext().isAjaxRequest()) {
            context.getPartialViewContext().getRenderIds().add(MESSAGES);
        }
        context.renderResponse();
    }

    private static <T extends Throwable> T causedBy(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
