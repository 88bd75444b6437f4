package cn.insurer.archive.retention;

import java.util.List;

/** Thrown when policy files are wrong; the message lists every problem, one per line. */
public class InvalidPoliciesException extends RuntimeException {

    private final transient List<PolicyProblem> problems;

    public InvalidPoliciesException(List<PolicyProblem> problems) {
        super("The retention policies are invalid:\n  "
                + String.join("\n  ", problems.stream().map(PolicyProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
