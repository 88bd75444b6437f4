package cn.insurer.archive.web;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;

/** Installs {@link DeskFailures} in front of the Faces implementation's own exception handling. */
public class DeskExceptionHandlerFactory extends ExceptionHandlerFactory {

    public DeskExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new DeskFailures(getWrapped().getExceptionHandler());
    }
}
