package cn.insurer.archive.api;

import cn.insurer.archive.problem.Messages;
import cn.insurer.archive.problem.ProblemException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ProblemException exception) {
        return ProblemResponses.of(exception, Messages.choose(headers.getAcceptableLanguages()),
                uriInfo.getRequestUri().getRawPath());
    }
}
