package cn.insurer.archive.storage;

import cn.insurer.archive.problem.ProblemException;

/**
 * The object store could not be reached or refused an operation. Nothing the caller did is wrong
 * and trying again later may work, so it reaches users as the storage-unavailable problem (503 on
 * the API, a message on the desk, a row's reason in an import); the store's own words stay in the log.
 */
public class ObjectStoreException extends ProblemException {

    public ObjectStoreException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, "storage-unavailable", "problem.storage.unavailable", message, cause);
    }
}
