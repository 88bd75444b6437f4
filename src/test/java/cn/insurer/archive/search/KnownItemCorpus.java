package cn.insurer.archive.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Known-item pairs (a page's title as the query, the rest of the page as the answer) from Chinese
 * documentation Debian ships: the zh_CN manual pages of manpages-zh and the sections of
 * debian-reference-zh-cn. The title is never part of the indexed text, so a query cannot match
 * its answer by being an exact copy of it.
 */
final class KnownItemCorpus {

    /** Shorter answers say too little about their subject to be found by their title. */
    private static final int MIN_TEXT_LENGTH = 100;
    private static final Pattern SECTION = Pattern.compile(
            "<h([234]) class=\"title\">(.*?)</h\\1>", Pattern.DOTALL);
    private static final Pattern NUMBERING = Pattern.compile("^[A-Z]?[0-9.]*\\.?[\\s\\u00A0]+");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");
    /** Characters of the classic query syntax; a user pasting a title does not mean them as operators. */
    private static final Pattern QUERY_SYNTAX = Pattern.compile("[+\\-&|!(){}\\[\\]^\"~*?:\\\\/]");
    private static final Pattern OPERATOR = Pattern.compile("\\b(AND|OR|NOT)\\b");

    record KnownItem(String source, String query, String text) {
    }

    private KnownItemCorpus() {
    }

    /** Pages from both packages; titles that occur more than once are dropped as ambiguous. */
    static List<KnownItem> load(Path manDir, Path referenceDir) throws IOException {
        List<KnownItem> all = new ArrayList<>();
        if (Files.isDirectory(manDir)) {
            try (Stream<Path> files = Files.walk(manDir)) {
                for (Path file : files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && f.toString().endsWith(".gz")).sorted().toList()) {
                    manPage(manDir.relativize(file).toString(), gunzip(file)).ifPresent(all::add);
                }
            }
        }
        if (Files.isDirectory(referenceDir)) {
            try (Stream<Path> files = Files.list(referenceDir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches("(ch|ap)[0-9a-z]+\\.zh-cn\\.html"))
                        .sorted().toList()) {
                    all.addAll(referenceSections(file.getFileName().toString(), Files.readString(file)));
                }
            }
        }
        return unambiguous(all);
    }

    private static List<KnownItem> unambiguous(List<KnownItem> all) {
        Map<String, Integer> counts = new HashMap<>();
        all.forEach(item -> counts.merge(item.query(), 1, Integer::sum));
        return all.stream().filter(item -> counts.get(item.query()) == 1).toList();
    }

    /**
     * Each section of the DocBook HTML manuals in {@code dirs} ({@code *.zh-cn.html}, as Debian ships
     * its translated manuals: the FAQ, the New Maintainers' Guide), as {@link #referenceSections} reads
     * the Debian Reference; titles that occur more than once are dropped as ambiguous.
     */
    static List<KnownItem> docBook(List<Path> dirs) throws IOException {
        List<KnownItem> all = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".zh-cn.html")).sorted().toList()) {
                    all.addAll(referenceSections(dir.getFileName() + "/" + file.getFileName(), Files.readString(file)));
                }
            }
        }
        return unambiguous(all);
    }

    /** The NAME section's description (after {@code \-}) as the query, everything after that section as the text. */
    static Optional<KnownItem> manPage(String source, String troff) {
        String[] lines = troff.split("\n");
        int name = -1;
        for (int i = 0; i < lines.length && name < 0; i++) {
            String heading = sectionHeading(lines[i]);
            if (heading != null && Stream.of("名称", "名字", "名稱", "NAME").anyMatch(heading::equalsIgnoreCase)) {
                name = i;
            }
        }
        if (name < 0) {
            return Optional.empty();
        }
        StringBuilder nameText = new StringBuilder();
        int next = name + 1;
        while (next < lines.length && sectionHeading(lines[next]) == null) {
            nameText.append(troffLine(lines[next].replace("\\-", "\u0000"))).append(' ');
            next++;
        }
        String description = nameText.toString();
        int dash = description.indexOf('\u0000');
        if (dash < 0) {
            dash = description.indexOf(" - ");
        }
        if (dash < 0) {
            return Optional.empty();
        }
        String query = cleanQuery(description.substring(dash + 1));
        StringBuilder text = new StringBuilder();
        for (int i = next; i < lines.length; i++) {
            String line = troffLine(lines[i]);
            if (!line.isBlank()) {
                text.append(line).append('\n');
            }
        }
        return knownItem(source, query, text.toString());
    }

    /** Each h2 to h4 section of a chapter: its heading without numbering as the query, its body as the text. */
    static List<KnownItem> referenceSections(String source, String html) {
        List<KnownItem> items = new ArrayList<>();
        Matcher heading = SECTION.matcher(html);
        List<int[]> bounds = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        while (heading.find()) {
            bounds.add(new int[] {heading.start(), heading.end()});
            titles.add(htmlText(heading.group(2)));
        }
        for (int i = 0; i < bounds.size(); i++) {
            int end = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : html.length();
            String title = NUMBERING.matcher(titles.get(i).strip()).replaceFirst("");
            String body = htmlText(html.substring(bounds.get(i)[1], end));
            knownItem(source + "#" + (i + 1), cleanQuery(title), body).ifPresent(items::add);
        }
        return items;
    }

    private static Optional<KnownItem> knownItem(String source, String query, String text) {
        boolean chinese = query.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        String body = text.strip();
        if (!chinese || query.length() < 2 || query.length() > SearchRequest.MAX_QUERY_LENGTH
                || body.length() < MIN_TEXT_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new KnownItem(source, query, body));
    }

    private static String cleanQuery(String title) {
        String plain = QUERY_SYNTAX.matcher(title).replaceAll(" ");
        plain = OPERATOR.matcher(plain).replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
        return plain.replaceAll("\\s+", " ").strip();
    }

    private static String sectionHeading(String line) {
        if (!line.startsWith(".SH")) {
            return null;
        }
        return line.substring(3).replace("\"", "").strip();
    }

    /** Text of one troff line: requests dropped except those whose arguments are text, escapes removed. */
    static String troffLine(String line) {
        String text = line;
        if (text.startsWith(".\\\"") || text.startsWith("'\\\"") || text.startsWith("\\\"")) {
            return "";
        }
        if (text.startsWith(".") || text.startsWith("'")) {
            String[] request = text.substring(1).strip().split("\\s+", 2);
            boolean textual = request[0].matches("B|I|R|BR|RB|IR|RI|BI|IB|SM|SB|SH|SS|IP|TP|HP|Nm|Nd|Sh|Ss");
            text = textual && request.length > 1 ? request[1].replace("\"", "") : "";
        }
        text = text.replaceAll("\\\\\".*$", "")
                .replaceAll("\\\\f(\\[[^]]*]|\\(..|.)", "")
                .replaceAll("\\\\s[+-]?[0-9]", "")
                .replaceAll("\\\\\\*(\\[[^]]*]|\\(..|.)", "")
                .replaceAll("\\\\\\((..)", " ")
                .replace("\\-", "-")
                .replace("\\e", "\\")
                .replace("\\ ", " ")
                .replaceAll("\\\\[&,/|^%:]", "");
        return text.strip();
    }

    private static String htmlText(String html) {
        String text = TAG.matcher(html).replaceAll(" ");
        text = NUMERIC_ENTITY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                Character.toString(Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16))));
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        return text.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\s*\\n\\s*", "\n").strip();
    }

    /** manpages-zh is mostly UTF-8, but some pages are still in GB 18030. */
    private static String gunzip(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] bytes = in.readAllBytes();
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return new String(bytes, Charset.forName("GB18030"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
