package cn.insurer.archive.problem;

import java.io.Serializable;
import java.util.List;

/**
 * The JSON Schema keyword a value broke ({@code required}, {@code format}, {@code maxLength}...),
 * the keyword's arguments as the validator reports them (the format's name, the limit, the allowed
 * values) and the schema definition the rule belongs to ({@code money}), if any. The API's
 * {@code errors} keep the validator's own sentence; {@link SchemaWording} words it for people.
 */
public record SchemaRule(String keyword, List<String> arguments, String definition) implements Serializable {

    public SchemaRule {
        arguments = List.copyOf(arguments);
    }

    public SchemaRule(String keyword, List<String> arguments) {
        this(keyword, arguments, null);
    }

    public String argument(int index) {
        return index < arguments.size() ? arguments.get(index) : "";
    }
}
