package cn.insurer.archive.dossier;

import cn.insurer.archive.problem.FieldError;
import cn.insurer.archive.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** Where a dossier's paper original is kept: the store room, the shelf in it and the box on the shelf. */
public record PaperLocation(String room, String shelf, String box) {

    /** Longer than any room, shelf or box label; the register prints them in narrow columns. */
    static final int MAX_PART = 100;

    /**
     * The location from its parts as typed, trimmed; each is required, since a fetch (or a box
     * label) needs all three. Invalid parts are answered together, one field error each.
     */
    public static PaperLocation of(String room, String shelf, String box) {
        List<FieldError> errors = new ArrayList<>();
        PaperLocation location = new PaperLocation(part("room", room, errors), part("shelf", shelf, errors), part("box", box, errors));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return location;
    }

    private static String part(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "validation.required"));
            return null;
        }
        String text = value.trim();
        if (text.length() > MAX_PART) {
            errors.add(new FieldError(field, "validation.too.long", MAX_PART));
        }
        return text;
    }

    /** As printed on registers and labels: 室 / 架 / 盒. */
    public String describe() {
        return room + " / " + shelf + " / " + box;
    }
}
