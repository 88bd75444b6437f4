package cn.insurer.archive.problem;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/** User-facing text from the {@code messages} bundles: zh-CN by default, English on request. */
public final class Messages {

    public static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;

    private Messages() {
    }

    public static String get(Locale locale, String key, Object... args) {
        try {
            String pattern = bundle(locale).getString(key);
            if (args == null || args.length == 0) {
                return pattern;
            }
            Object[] shown = args.clone();
            for (int i = 0; i < shown.length; i++) {
                if (shown[i] instanceof Operation operation) {
                    shown[i] = operationName(locale, operation.code());
                } else if (shown[i] instanceof Role role) {
                    shown[i] = bundle(locale).containsKey("role." + role.code()) ? bundle(locale).getString("role." + role.code()) : role.code();
                } else if (shown[i] instanceof Enum<?> constant) {
                    shown[i] = enumName(locale, constant);
                } else if (shown[i] instanceof Phrase phrase) {
                    shown[i] = get(locale, phrase.key(), phrase.args());
                } else if (shown[i] instanceof List<?> list) {
                    shown[i] = list.stream().map(element -> element instanceof Phrase phrase
                            ? get(locale, phrase.key(), phrase.args()) : String.valueOf(element))
                            .collect(java.util.stream.Collectors.joining(get(locale, "list.separator")));
                }
            }
            return new MessageFormat(pattern, locale).format(shown);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /**
     * A field as people call it ({@code field.<name>}: 借阅天数, not {@code days}); a nested field
     * without its own word by its last part's ({@code metadata.lossDate} as 出险日期), else a
     * plain "this entry". Never the field's code: that is for programs (the API's {@code errors}).
     */
    public static String fieldLabel(Locale locale, String field) {
        ResourceBundle bundle = bundle(locale);
        String name = field == null ? "" : field;
        if (bundle.containsKey("field." + name)) {
            return bundle.getString("field." + name);
        }
        String last = "field." + name.substring(name.lastIndexOf('.') + 1);
        return bundle.containsKey(last) ? bundle.getString(last) : bundle.getString("field.unknown");
    }

    /** One refused field as one sentence for people: "借阅天数：内部级档案最长借阅 30 天。" */
    public static String fieldProblem(Locale locale, FieldError error) {
        return get(locale, "problem.field", fieldLabel(locale, error.field()),
                SchemaWording.sentence(locale, error).orElseGet(() -> get(locale, error.messageKey(), error.args())));
    }

    /** The text of {@code key}, or empty when the bundle has none. */
    public static Optional<String> find(Locale locale, String key, Object... args) {
        return bundle(locale).containsKey(key) ? Optional.of(get(locale, key, args)) : Optional.empty();
    }

    /**
     * An operation code (such as {@code dossier.seal}) in a message: people read what it does
     * ("封存归档") instead; the code itself stays in the audit trail.
     */
    public record Operation(String code) {

        @Override
        public String toString() {
            return code;
        }
    }

    /**
     * A message inside a message (one choice of several), worded in the same language; a list of
     * them (or of plain values) reads as one run joined by the language's separator.
     */
    public record Phrase(String key, Object... args) {
    }

    /** A role (such as {@code DEPARTMENT_HEAD}) in a message: people read its name (部门负责人). */
    public record Role(String code) {

        @Override
        public String toString() {
            return code;
        }
    }

    /**
     * A constant (a security level, a loan's status) in a message: people read its name (内部,
     * 审批中) from {@code enum.<Type>.<CONSTANT>}, the type named as in Java ({@code Disposition.Status}).
     */
    public static String enumName(Locale locale, Enum<?> constant) {
        String type = constant.getDeclaringClass().getName();
        String key = "enum." + type.substring(type.lastIndexOf('.') + 1).replace('$', '.') + "." + constant.name();
        ResourceBundle bundle = bundle(locale);
        return bundle.containsKey(key) ? bundle.getString(key) : constant.name();
    }

    /** The operation's own name, else that of the family it belongs to (report.holds → report), else a plain "this". */
    private static String operationName(Locale locale, String code) {
        ResourceBundle bundle = bundle(locale);
        for (String candidate = code; !candidate.isEmpty();
             candidate = candidate.contains(".") ? candidate.substring(0, candidate.lastIndexOf('.')) : "") {
            if (bundle.containsKey("operation." + candidate)) {
                return bundle.getString("operation." + candidate);
            }
        }
        return bundle.getString("operation.unknown");
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("messages", locale, Messages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Picks zh-CN or English from the caller's preferences; zh-CN when they say nothing usable. */
    public static Locale choose(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if ("en".equals(locale.getLanguage())) {
                return Locale.ENGLISH;
            }
            if ("zh".equals(locale.getLanguage())) {
                return DEFAULT_LOCALE;
            }
        }
        return DEFAULT_LOCALE;
    }
}
