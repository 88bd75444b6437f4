package cn.insurer.archive.api;

import cn.insurer.archive.problem.DatabaseUnavailableException;
import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemException;
import cn.insurer.archive.storage.UploadTooLargeException;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure that is not already a {@link ProblemException} still leaves as problem details:
 * no stack trace and no HTML page ever reach the caller.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        Throwable cause = unwrap(exception);
        if (cause instanceof ProblemException problem) {
            return ProblemResponses.of(problem, locale(), path());
        }
        // A restarted or unreachable database surfaces wrapped by the pool, JPA and the transaction manager.
        java.util.Optional<DatabaseUnavailableException> outage = DatabaseUnavailableException.causing(exception);
        if (outage.isPresent()) {
            return ProblemResponses.of(outage.get(), locale(), path());
        }
        if (cause instanceof UploadTooLargeException tooLarge) {
            return ProblemResponses.of(ProblemException.tooLarge("problem.upload.too.large", tooLarge.limit()),
                    locale(), path());
        }
        if (cause instanceof NotFoundException) {
            return problem(404, "not-found", "problem.path.unknown");
        }
        if (cause instanceof NotAllowedException) {
            return problem(405, "method-not-allowed", "problem.method.not.allowed");
        }
        if (cause instanceof NotSupportedException) {
            return problem(415, "unsupported-media-type", "problem.media.type.unsupported");
        }
        if (cause instanceof NotAcceptableException) {
            return problem(406, "not-acceptable", "problem.not.acceptable");
        }
        if (cause instanceof JsonbException || cause instanceof ProcessingException
                || cause instanceof jakarta.ws.rs.BadRequestException) {
            return problem(400, "bad-request", "problem.json.malformed");
        }
        if (cause instanceof OptimisticLockException) {
            return problem(409, "conflict", "problem.concurrent.change");
        }
        if (cause instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return problem(status, "http-" + status, "problem.request.rejected");
        }
        LOG.log(Level.SEVERE, "Unexpected failure on " + path(), exception);
        return problem(500, "internal", "problem.internal");
    }

    private static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while ((current instanceof EJBException || current instanceof RollbackException
                || current instanceof jakarta.transaction.TransactionalException
                || current instanceof jakarta.enterprise.inject.CreationException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof ProcessingException && current.getCause() instanceof ProblemException problem) {
            return problem;
        }
        return current;
    }

    private Response problem(int status, String type, String key) {
        return ProblemResponses.of(status, type, locale(), key, path());
    }

    private Locale locale() {
        return Messages.choose(headers.getAcceptableLanguages());
    }

    private String path() {
        return uriInfo.getRequestUri().getRawPath();
    }
}
