package cn.insurer.archive.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExactJsonTest {

    private static final String STORED = "{\"金额\":1280.50,\"zero\":0.000,\"big\":12345678901234567890,\"e\":1e3,"
            + "\"list\":[1.10,\"x\",null],\"nested\":{\"z\":2.0,\"a\":1},\"flag\":true,\"none\":null}";

    @Test
    void decimalsKeepTheirDigitsAndObjectsTheirOrder() {
        assertEquals("{\"金额\":1280.50,\"zero\":0.000,\"big\":12345678901234567890,\"e\":1E+3,"
                + "\"list\":[1.10,\"x\",null],\"nested\":{\"z\":2.0,\"a\":1},\"flag\":true,\"none\":null}",
                ExactJson.stored(STORED).toString());
        Map<String, Object> object = ExactJson.storedObject(STORED);
        assertEquals(List.of("金额", "zero", "big", "e", "list", "nested", "flag", "none"), List.copyOf(object.keySet()));
        assertEquals(new BigDecimal("1280.50"), object.get("金额"));
        assertEquals(new BigDecimal("1.10"), ((List<?>) object.get("list")).get(0));
        assertEquals(List.of("z", "a"), List.copyOf(((Map<?, ?>) object.get("nested")).keySet()));
    }

    @Test
    void storedJsonThatIsNoObjectIsAFault() {
        assertThrows(RuntimeException.class, () -> ExactJson.storedObject("[1]"));
        assertThrows(RuntimeException.class, () -> ExactJson.storedObject("null"));
        assertThrows(RuntimeException.class, () -> ExactJson.storedObject("{\"a\":"));
    }
}
