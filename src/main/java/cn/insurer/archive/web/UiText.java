package cn.insurer.archive.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The desk's own strings ({@code ui} bundles) in the session's language, as {@code #{t['key']}} in
 * pages. No fallback to the JVM's locale, so English never turns into Chinese on a Chinese host
 * or the other way round.
 */
@ApplicationScoped
public class UiText {

    @Inject
    Language language;

    @Produces
    @Named("t")
    @Dependent
    public ResourceBundle bundle() {
        return ResourceBundle.getBundle("ui", language.getLocale(), UiText.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public String get(String key, Object... args) {
        try {
            String pattern = bundle().getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, language.getLocale()).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
