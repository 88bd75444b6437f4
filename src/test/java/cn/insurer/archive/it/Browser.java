package cn.insurer.archive.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, pointed at the test server. Saves
 * screenshots of the screens it passes through to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("archive.it.dir", "target/it")).getParent()
            .resolve("screenshots");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private boolean phone;
    /** Each page load met, by its time origin: how long it took to load, in milliseconds. */
    private final java.util.Map<Double, Double> loads = new java.util.LinkedHashMap<>();
    /** Serious and critical accessibility findings by the screen they were found on. */
    private final java.util.Map<String, List<String>> findings = new java.util.LinkedHashMap<>();

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser open() {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver packages "
                    + "(installed by ./archive test)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1000", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return new Browser(driver);
    }

    public static String url(String path) {
        return ApiClient.uri(path).toString();
    }

    public void go(String path) {
        driver.get(url(path));
    }

    public void signIn(Users.Account account) {
        go("/ui/login.xhtml");
        type(By.id("signin:username"), account.username());
        type(By.id("signin:password"), account.password());
        click(By.id("signin:submit"));
        await(d -> d.getCurrentUrl().contains("/ui/home.xhtml"));
    }

    public void signOut() {
        click(By.id("header:sign-out"));
        await(d -> d.getCurrentUrl().contains("/ui/login.xhtml"));
    }

    public WebElement find(By by) {
        return await(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    public void click(By by) {
        find(by).click();
        awaitAjax();
    }

    public String text(By by) {
        return find(by).getText();
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Waits until the page says it, and returns the page's text. */
    public String awaitText(String expected) {
        await(d -> d.findElement(By.tagName("body")).getText().contains(expected));
        return pageText();
    }

    public <T> T await(ExpectedCondition<T> condition) {
        return await(condition, Duration.ofSeconds(30));
    }

    public <T> T await(ExpectedCondition<T> condition, Duration patience) {
        // A click that loads a new page can replace an element between finding and reading it.
        return new WebDriverWait(driver, patience, Duration.ofMillis(200)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** PrimeFaces queues its requests; the page is settled when the queue and jQuery are idle. */
    public void awaitAjax() {
        await(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && (!window.jQuery || jQuery.active === 0)"
                        + " && (!window.PrimeFaces || !PrimeFaces.ajax || PrimeFaces.ajax.Queue.isEmpty());"));
    }

    /**
     * The WCAG contrast ratio of an element's text against the first opaque background behind it,
     * as the browser draws it now (under the pointer, if it is there).
     */
    public double contrast(By by) {
        WebElement element = find(by);
        return ((Number) driver.executeScript("""
                function rgb(css) { return css.match(/[\\d.]+/g).map(Number); }
                function luminance(c) {
                  var l = c.slice(0, 3).map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
                }
                var element = arguments[0], back = [255, 255, 255];
                for (var e = element; e && e.nodeType === 1; e = e.parentElement) {
                  var c = rgb(getComputedStyle(e).backgroundColor);
                  if (c.length < 4 || c[3] > 0) { back = c; break; }
                }
                var a = luminance(rgb(getComputedStyle(element).color)), b = luminance(back);
                return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                """, element)).doubleValue();
    }

    /** How many lines the browser breaks an element's text into, and how wide the last one is in ems. */
    public double[] lines(By by) {
        List<?> measured = (List<?>) driver.executeScript("""
                var element = arguments[0], range = document.createRange();
                range.selectNodeContents(element);
                var rects = Array.from(range.getClientRects()).filter(function (r) { return r.width > 0; });
                var tops = [];
                rects.forEach(function (r) { if (!tops.some(function (t) { return Math.abs(t - r.top) < 2; })) { tops.push(r.top); } });
                var last = Math.max.apply(null, tops);
                var width = rects.filter(function (r) { return Math.abs(r.top - last) < 2; })
                    .reduce(function (sum, r) { return sum + r.width; }, 0);
                return [tops.length, width / parseFloat(getComputedStyle(element).fontSize)];
                """, find(by));
        return new double[] {((Number) measured.get(0)).doubleValue(), ((Number) measured.get(1)).doubleValue()};
    }

    /** The horizontal gap between two elements laid out side by side. */
    public int gapBetween(By left, By right) {
        org.openqa.selenium.Rectangle a = find(left).getRect();
        org.openqa.selenium.Rectangle b = find(right).getRect();
        return b.getX() - (a.getX() + a.getWidth());
    }

    /** Lays the page out as a 390×844 phone does (a mobile viewport, not a shrunken window). */
    public void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", PHONE.getWidth(),
                "height", PHONE.getHeight(), "deviceScaleFactor", 1, "mobile", true));
        phone = true;
    }

    /** Back to the desktop's window. */
    public void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        phone = false;
    }

    /** Whether nothing on the page reaches past the right edge, so the page never scrolls sideways. */
    public boolean fitsWidth() {
        return (Boolean) driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
    }

    /** What reaches past the right edge, to name in a failure. */
    public String overflowing() {
        return String.valueOf(driver.executeScript("""
                var out = [];
                document.querySelectorAll('body *').forEach(function (e) {
                  var r = e.getBoundingClientRect();
                  if (r.right > window.innerWidth + 0.5 && r.width > 0 && out.length < 5) {
                    out.push(e.tagName + '#' + e.id + '.' + e.className + ' right=' + Math.round(r.right));
                  }
                });
                return out.join(' | ');
                """));
    }

    /**
     * Buttons whose icon is drawn over their words (as PrimeFaces' theme does to an upload button
     * on a small screen), each named by its own or nearest enclosing id and its words; empty when none. The words' box is that
     * of the glyphs, not of the padding that makes room for the icon.
     */
    public String iconsOverWords() {
        return String.valueOf(driver.executeScript("""
                var out = [];
                document.querySelectorAll('.ui-button:not(.ui-button-icon-only)').forEach(function (b) {
                  var icon = b.querySelector('.ui-icon'), words = b.querySelector('.ui-button-text');
                  if (!icon || !words || !words.textContent.trim()) return;
                  var range = document.createRange();
                  range.selectNodeContents(words);
                  var i = icon.getBoundingClientRect(), t = range.getBoundingClientRect();
                  if (i.width === 0 || t.width === 0) return;
                  var across = Math.min(i.right, t.right) - Math.max(i.left, t.left);
                  var down = Math.min(i.bottom, t.bottom) - Math.max(i.top, t.top);
                  if (across > 1 && down > 1 && out.length < 5) out.push('#' + (b.closest('[id]') || {id: ''}).id + ' ' + words.textContent.trim());
                });
                return out.join(' | ');
                """));
    }

    /** Saves the screen, then fails when a button's icon covers its words on it. */
    private Path checkedShot(String screen) {
        Path saved = shot(screen);
        String covered = iconsOverWords();
        if (!covered.isEmpty()) {
            throw new AssertionError(screen + " draws a button's icon over its words: " + covered);
        }
        return saved;
    }

    /** The page's own load (navigation timing), once per page load however often it is looked at. */
    private void timing() {
        List<?> load = (List<?>) driver.executeScript("var n = performance.getEntriesByType('navigation')[0];"
                + " return n && n.loadEventEnd > 0 ? [performance.timeOrigin, n.loadEventEnd] : null;");
        if (load != null) {
            loads.putIfAbsent(((Number) load.get(0)).doubleValue(), ((Number) load.get(1)).doubleValue());
        }
    }

    /**
     * The page's serious and critical accessibility violations as axe-core finds them (WCAG 2 A
     * and AA rules), one line per rule with the first offending elements.
     */
    @SuppressWarnings("unchecked")
    public List<String> accessibility() {
        if (!(Boolean) driver.executeScript("return typeof window.axe !== 'undefined';")) {
            driver.executeScript(AXE.get());
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        List<Object> violations = (List<Object>) driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
                  .then(function (r) {
                    done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                      .map(function (v) { return v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' ') + ' ' + (n.html || '').substring(0, 160); }).join(' | '); }));
                  }, function (e) { done(['axe failed: ' + e]); });
                """);
        return violations.stream().map(String::valueOf).toList();
    }

    /** The accessibility findings of every screen shot so far, by screen; empty lists for clean screens. */
    public java.util.Map<String, List<String>> findings() {
        return findings;
    }

    /** The page loads met so far, sorted, in milliseconds. */
    public List<Double> loadTimes() {
        return loads.values().stream().sorted().toList();
    }

    private static final java.util.function.Supplier<String> AXE = () -> {
        try (java.io.InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    };

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Saves the page as a desktop shows it and as a phone shows it ({@code name-phone.png}), and
     * fails when the phone has to scroll the page sideways or when a button's icon covers its
     * words at either size: every screen the journeys pass through is held to both.
     */
    public Path screenshot(String name) {
        timing();
        findings.put(name, accessibility());
        if (phone) {
            return checkedShot(name);
        }
        Path desktopShot = checkedShot(name);
        phone();
        try {
            awaitAjax();
            if (!fitsWidth()) {
                shot(name + "-phone");
                throw new AssertionError(name + " scrolls sideways on a phone: " + overflowing());
            }
            checkedShot(name + "-phone");
        } finally {
            desktop();
        }
        return desktopShot;
    }

    private Path shot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            // The whole page, not just the window: grow the window (or the phone) to the page's height for the shot.
            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
            if (phone) {
                driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", PHONE.getWidth(),
                        "height", (int) Math.max(PHONE.getHeight(), height), "deviceScaleFactor", 1, "mobile", true));
                try {
                    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    phone();
                }
                return target;
            }
            Dimension window = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.max(window.getHeight(), height + 120)));
            try {
                Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                driver.manage().window().setSize(window);
            }
            return target;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first page of a PDF as a picture beside the screenshots, to look at what a reader gets. */
    public Path savePdfPage(byte[] pdf, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name + ".png");
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 110),
                    "png", target.toFile());
        }
        return target;
    }

    /** Fetches a link the page offers with the browser's own session, as a download would. */
    public HttpResponse<byte[]> download(String href) throws IOException, InterruptedException {
        Cookie session = driver.manage().getCookieNamed("JSESSIONID");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(href)).timeout(Duration.ofSeconds(60)).GET();
        if (session != null) {
            request.header("Cookie", "JSESSIONID=" + session.getValue());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Prints what the screens met cost and what axe found on them, for the test log: the page loads'
     * median and 95th percentile, and each screen's serious or critical findings. Every page load is
     * also appended to {@code target/page-loads.txt}, for percentiles over a whole run. A screen with
     * a serious or critical finding fails the test: every screen the journeys pass is held to it.
     */
    @Override
    public void close() {
        try {
            List<Double> times = loadTimes();
            if (!times.isEmpty()) {
                System.out.printf("Page loads: %d, median %.0f ms, p95 %.0f ms, slowest %.0f ms%n", times.size(),
                        times.get((times.size() - 1) / 2), times.get((int) Math.ceil(times.size() * 0.95) - 1), times.get(times.size() - 1));
                appendLoads(times);
            }
            findings.forEach((screen, found) -> System.out.println("axe " + screen + ": "
                    + (found.isEmpty() ? "no serious or critical violations" : String.join(" ; ", found))));
        } finally {
            driver.quit();
        }
        java.util.Map<String, List<String>> failing = new java.util.LinkedHashMap<>();
        findings.forEach((screen, found) -> {
            if (!found.isEmpty()) {
                failing.put(screen, found);
            }
        });
        if (!failing.isEmpty()) {
            throw new AssertionError("serious or critical accessibility violations (axe-core, WCAG 2.1 A/AA): " + failing);
        }
    }

    private static synchronized void appendLoads(List<Double> times) {
        try {
            Files.createDirectories(SCREENSHOTS.getParent());
            Files.writeString(SCREENSHOTS.getParent().resolve("page-loads.txt"),
                    times.stream().map(time -> String.format(java.util.Locale.ROOT, "%.0f%n", time)).collect(java.util.stream.Collectors.joining()),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("page loads not recorded: " + e.getMessage());
        }
    }
}
