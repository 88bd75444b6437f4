package cn.insurer.archive.dossier;

import java.io.Serializable;
import java.util.List;

/**
 * The JSON Schema keyword a value broke ({@code required}, {@code format}, {@code maxLength}...) and
 * the keyword's arguments as the validator reports them (the format's name, the limit, the allowed
 * values). The API words a violation with the validator's own sentence; the desk words it for a
 * clerk from this.
 */
public record SchemaRule(String keyword, List<String> arguments) implements Serializable {

    public SchemaRule {
        arguments = List.copyOf(arguments);
    }

    public String argument(int index) {
        return index < arguments.size() ? arguments.get(index) : "";
    }
}
