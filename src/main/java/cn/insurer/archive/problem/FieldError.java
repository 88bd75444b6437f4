package cn.insurer.archive.problem;

/** One rejected field of a request: the field's JSON name and a message key with its arguments. */
public record FieldError(String field, String messageKey, Object... args) {
}
