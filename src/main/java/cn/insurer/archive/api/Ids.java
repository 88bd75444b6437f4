package cn.insurer.archive.api;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import java.util.List;
import java.util.UUID;

/** Path and query parameters that must parse, with a 400 naming the parameter when they do not. */
final class Ids {

    private Ids() {
    }

    /** An id that is not even a UUID cannot name anything: that is "unknown", not "malformed". */
    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("problem.id.unknown", id);
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badFields(List.of(new FieldError(parameter, "validation.enum",
                    List.of(type.getEnumConstants()).toString())));
        }
    }
}
