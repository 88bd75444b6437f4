package cn.insurer.archive.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.insurer.archive.audit.AuditAction;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every audit action a feature declares has a name on the audit page, in Chinese and in English. */
class AuditActionsTest {

    /** The enums implementing AuditAction among the compiled classes, wherever a feature put them. */
    private static List<String> declaredCodes() throws IOException, URISyntaxException {
        Path classes = Path.of(AuditAction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> codes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, AuditActionsTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError notLoadableHere) {
                    continue;
                }
                if (type.isEnum() && AuditAction.class.isAssignableFrom(type)) {
                    for (Object constant : type.getEnumConstants()) {
                        codes.add(((AuditAction) constant).code());
                    }
                }
            }
        }
        return codes;
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("ui", locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    @Test
    void everyDeclaredActionIsListedAndNamedInBothLanguages() throws Exception {
        List<String> declared = declaredCodes();
        assertTrue(declared.size() >= 40, declared::toString);
        assertEquals(declared.stream().sorted().toList(), AuditActions.CODES.stream().sorted().toList());
        ResourceBundle chinese = bundle(Locale.SIMPLIFIED_CHINESE);
        ResourceBundle english = bundle(Locale.ENGLISH);
        for (String code : declared) {
            String zh = chinese.getString("audit.action." + code);
            String en = english.getString("audit.action." + code);
            assertFalse(zh.equals(en) || zh.equals(code), code + ": " + zh + " / " + en);
        }
        assertEquals("读取原件", chinese.getString("audit.action.CONTENT_READ"));
        assertEquals("Loan requested", english.getString("audit.action.LOAN_REQUESTED"));
    }
}
