package io.colachat.server.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.colachat.server.ColaChat;
import io.colachat.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Cola Chat server and one headless Chromium per test class, for the web client's
 * end-to-end tests. Register it as a static extension field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrowserHarness web = new BrowserHarness();
 *
 * @Test
 * void somethingInTheBrowser() {
 *     Page a = web.newPage();
 *     a.navigate(web.url("/"));
 * }
 * }</pre>
 *
 * <p>The browser is Debian's Chromium at {@code /usr/bin/chromium} (or {@code COLACHAT_CHROMIUM}),
 * one for the whole run. Playwright never downloads one: a missing Chromium fails the tests with
 * a message saying so, it never skips them. Every context bypasses the page's Content-Security-Policy, so that the
 * markup-injection test checks the rendering itself rather than the CSP behind it.
 *
 * <p>Screenshots go to {@code target/screenshots/<suite>-<test>-<label>.png}. Contexts opened by a
 * test are closed after it; before that, each of its open pages is saved too when the test
 * failed, or when it saved no screenshot of its own.
 */
final class BrowserHarness implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The server's leave grace in these tests: short, and long enough for a page reload. */
    static final int GRACE_MS = 1000;
    static final Path SCREENSHOTS = Paths.get(System.getProperty("colachat.screenshots", "target/screenshots"));
    private static final String CHROMIUM = System.getenv().getOrDefault("COLACHAT_CHROMIUM", "/usr/bin/chromium");
    private static final List<String> CHROMIUM_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync");

    private final List<String> extraArgs;
    private final List<BrowserContext> contexts = new CopyOnWriteArrayList<>();
    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private Path dataDir;
    private List<String> serverArgs;
    private ColaChat app;
    private Browser browser;
    private String testName = "test";
    private int screenshots;

    /** @param extraArgs server flags added to the defaults (port 0, a fresh H2 file, 1 s grace) */
    BrowserHarness(String... extraArgs) {
        this.extraArgs = List.of(extraArgs);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path chromium = Paths.get(CHROMIUM);
        if (!Files.isExecutable(chromium)) {
            throw new AssertionError("Chromium is missing: no executable at " + chromium + ". The browser tests need "
                    + "Debian's chromium package (apt-get install -y chromium) or COLACHAT_CHROMIUM pointing at one.");
        }
        dataDir = Files.createTempDirectory("colachat-web-");
        List<String> args = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1",
                "--db-url", "jdbc:h2:file:" + dataDir.resolve("db"), "--leave-grace-ms", String.valueOf(GRACE_MS)));
        args.addAll(extraArgs);
        serverArgs = args;
        app = ColaChat.start(ServerConfig.parse(args.toArray(String[]::new), Map.of()));
        serverArgs.set(1, String.valueOf(app.port())); // a restart comes back on the same port

        browser = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedBrowser.class, k -> new SharedBrowser(chromium), SharedBrowser.class)
                .browser;
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
        Files.createDirectories(SCREENSHOTS);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String suite = context.getRequiredTestClass().getSimpleName().replace("InBrowserTest", "");
        String method = context.getRequiredTestMethod().getName();
        test(Character.toLowerCase(suite.charAt(0)) + suite.substring(1) + "-" + method);
    }

    /** Saves every open page (as FAILED-n when the test failed, else end-n if it saved none), then closes them. */
    @Override
    public void afterEach(ExtensionContext context) {
        boolean failed = context.getExecutionException().isPresent();
        if (failed || screenshots == 0) {
            int n = 0;
            for (BrowserContext c : contexts) {
                for (Page p : c.pages()) {
                    try {
                        screenshot(p, (failed ? "FAILED-" : "end-") + (++n));
                    } catch (RuntimeException ignored) {
                        // a closed page has nothing to show
                    }
                }
            }
        }
        for (BrowserContext c : contexts) {
            c.close();
        }
        contexts.clear();
        dialogs.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (app != null) {
            app.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * One Playwright driver and one Chromium for the whole test run (starting them costs seconds);
     * each test still gets fresh browser contexts. Closed by JUnit when the run ends.
     */
    private static final class SharedBrowser implements ExtensionContext.Store.CloseableResource {
        final Playwright playwright;
        final Browser browser;

        SharedBrowser(Path chromium) {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium)
                    .setHeadless(true)
                    .setArgs(CHROMIUM_ARGS));
        }

        @Override
        public void close() {
            browser.close();
            playwright.close();
        }
    }

    /** Names this test's screenshots {@code <name>-<label>.png}, and removes those of an earlier run. */
    private void test(String name) {
        this.testName = name;
        this.screenshots = 0;
        try (Stream<Path> old = Files.list(SCREENSHOTS)) {
            old.filter(p -> p.getFileName().toString().startsWith(name + "-")).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page in a new browser context (its own cookies and sessionStorage): a desktop in English. */
    Page newPage() {
        return newPage(1280, 800, "en-US");
    }

    /** A page in a new context of this viewport and browser language. */
    Page newPage(int width, int height, String locale) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setLocale(locale)
                .setTimezoneId("Asia/Seoul")
                .setBypassCSP(true)
                .setHasTouch(width < 600)
                .setIsMobile(width < 600));
        context.setDefaultTimeout(10_000);
        contexts.add(context);
        Page page = context.newPage();
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
        return page;
    }

    /** Every alert, confirm or prompt any page opened since this test began. */
    List<String> dialogs() {
        return List.copyOf(dialogs);
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    ColaChat app() {
        return app;
    }

    /** Stops the server and starts it again on the same port and database, as a deploy would. */
    void restartServer() {
        app.close();
        app = ColaChat.start(ServerConfig.parse(serverArgs.toArray(String[]::new), Map.of()));
    }

    /** Saves the page under target/screenshots as {@code <test>-<label>.png}. */
    Path screenshot(Page page, String label) {
        Path file = SCREENSHOTS.resolve(testName + "-" + label + ".png");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        screenshots++;
        return file;
    }
}
