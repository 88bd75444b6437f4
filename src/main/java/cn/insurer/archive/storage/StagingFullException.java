package cn.insurer.archive.storage;

import cn.insurer.archive.problem.ProblemException;

/**
 * The disk that uploads are staged on ran out of room while one was written. The upload's file is
 * already gone and nothing was filed; the caller may try again once the operator has made room, so
 * it reaches users as a 503 problem, the disk's own words staying in the log.
 */
public class StagingFullException extends ProblemException {

    public StagingFullException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, "staging-full", "problem.staging.full", message, cause);
    }
}
