package cn.insurer.archive.retention;

/** A mistake in a policy file, located so that the records manager can go straight to it. */
public record PolicyProblem(String file, int line, String ruleId, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + (ruleId == null ? "" : ": rule " + ruleId) + ": " + message;
    }
}
