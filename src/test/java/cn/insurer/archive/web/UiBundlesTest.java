package cn.insurer.archive.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cn.insurer.archive.retention.Disposition;
import cn.insurer.archive.retention.RuleAction;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The desk says everything in both languages, codes included. */
class UiBundlesTest {

    private static final ResourceBundle CHINESE = bundle(Locale.SIMPLIFIED_CHINESE);
    private static final ResourceBundle ENGLISH = bundle(Locale.ENGLISH);

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("ui", locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertEquals(new TreeSet<>(CHINESE.keySet()), new TreeSet<>(ENGLISH.keySet()));
    }

    @Test
    void everyDispositionActionAndStatusHasAName() {
        Set<String> codes = new TreeSet<>();
        Stream.of(RuleAction.values()).forEach(action -> codes.add("disposition.action." + action.name()));
        Stream.of(Disposition.Action.values()).forEach(action -> codes.add("disposition.action." + action.name()));
        Stream.of(Disposition.Status.values()).forEach(status -> codes.add("disposition.status." + status.name()));
        for (String key : codes) {
            assertNotEquals(CHINESE.getString(key), ENGLISH.getString(key), key);
        }
        assertEquals("到期鉴定", CHINESE.getString("disposition.action.REVIEW"));
    }
}
