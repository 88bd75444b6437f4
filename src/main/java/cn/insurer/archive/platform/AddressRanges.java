package cn.insurer.archive.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Client addresses given as IP addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}),
 * plus this host's loopback, which is always in. Only literal addresses: a host name would make
 * every check wait on DNS and trust whatever it answers.
 */
public final class AddressRanges {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** @throws IllegalArgumentException naming the first entry that is not an address or range */
    public static AddressRanges parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            ranges.add(Range.parse(entry.trim()));
        }
        return new AddressRanges(List.copyOf(ranges));
    }

    /** False for anything that is not a literal address, so a malformed one is refused, not looked up. */
    public boolean contains(String address) {
        InetAddress client = literal(address);
        if (client == null) {
            return false;
        }
        if (client.isLoopbackAddress()) {
            return true;
        }
        byte[] bytes = client.getAddress();
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    private static InetAddress literal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String plain = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = plain.indexOf('%');
        if (zone >= 0) {
            plain = plain.substring(0, zone);
        }
        if (!IPV4.matcher(plain).matches() && !(plain.contains(":") && plain.matches("[0-9a-fA-F:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(plain);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR range: '" + entry + "'");
            }
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("not a prefix length for " + address.getHostAddress() + ": '" + entry + "'");
                }
            }
            return new Range(address.getAddress(), prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
