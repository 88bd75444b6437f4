package cn.insurer.archive.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRangesTest {

    @Test
    void loopbackIsAlwaysInAndNothingElseByDefault() {
        AddressRanges none = AddressRanges.parse(List.of());
        assertTrue(none.contains("127.0.0.1"));
        assertTrue(none.contains("127.8.9.10"));
        assertTrue(none.contains("::1"));
        assertTrue(none.contains("0:0:0:0:0:0:0:1"));
        assertFalse(none.contains("10.1.2.3"));
        assertFalse(none.contains("192.168.0.1"));
    }

    @Test
    void rangesAndSingleAddressesMatchByPrefix() {
        AddressRanges allowed = AddressRanges.parse(List.of("10.20.0.0/16", "192.168.1.7", "172.16.0.0/12", "fd00::/8"));
        assertTrue(allowed.contains("10.20.255.1"));
        assertFalse(allowed.contains("10.21.0.1"));
        assertTrue(allowed.contains("192.168.1.7"));
        assertFalse(allowed.contains("192.168.1.8"));
        assertTrue(allowed.contains("172.31.255.255"));
        assertFalse(allowed.contains("172.32.0.0"));
        assertTrue(allowed.contains("fd12:3456::1"));
        assertFalse(allowed.contains("fe80::1"));
        assertTrue(allowed.contains("::ffff:10.20.3.4"), "an IPv4 address written as IPv6");
    }

    @Test
    void onlyLiteralAddressesCount() {
        AddressRanges allowed = AddressRanges.parse(List.of("0.0.0.0/0"));
        assertTrue(allowed.contains("203.0.113.9"));
        assertFalse(allowed.contains("localhost"), "a name is never looked up");
        assertFalse(allowed.contains(""));
        assertFalse(allowed.contains(null));
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse(List.of("prometheus.internal")));
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse(List.of("10.0.0.0/x")));
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse(List.of("10.0.0")));
    }
}
