package io.colachat.server.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.colachat.server.metrics.LiveFigures;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The admin page in Debian's Chromium, set up like the web client's browser tests: sign in with
 * the token, watch the figures and rooms, remove a chatter, close a room.
 */
@Tag("integration")
class AdminPageBrowserTest {

    private static final String TOKEN = AdminApiIntegrationTest.TOKEN;
    private static final String CHROMIUM = System.getenv().getOrDefault("COLACHAT_CHROMIUM", "/usr/bin/chromium");
    private static final List<String> CHROMIUM_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync");
    private static final Path SCREENSHOTS = Paths.get(System.getProperty("colachat.screenshots", "target/screenshots"));

    private static TestApp app;
    private static Http http;
    private static Playwright playwright;
    private static Browser browser;
    private final List<ChatClient> clients = new ArrayList<>();
    private BrowserContext context;
    private final List<String> dialogs = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        if (!Files.isExecutable(Paths.get(CHROMIUM))) {
            throw new AssertionError("Chromium is missing: no executable at " + CHROMIUM
                    + " (apt-get install -y chromium, or set COLACHAT_CHROMIUM)");
        }
        System.setProperty(LiveFigures.PERIOD_PROPERTY, "300");
        app = TestApp.start("--admin-token", TOKEN);
        http = new Http(app.baseUrl());
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(CHROMIUM)).setHeadless(true).setArgs(CHROMIUM_ARGS));
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (app != null) {
            app.close();
        }
        System.clearProperty(LiveFigures.PERIOD_PROPERTY);
    }

    @AfterEach
    void closeAll() {
        clients.forEach(ChatClient::close);
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneIsKeptForTheTab() {
        Page page = page();
        page.navigate(app.baseUrl() + "/admin");
        page.locator("#token").fill("not-the-token");
        page.locator("#sign-in-form button").click();
        assertThat(page.locator("#sign-in-error")).hasText("That token is not right.");
        assertThat(page.locator("#dashboard")).isHidden();

        signIn(page);
        page.reload();
        assertThat(page.locator("#dashboard")).isVisible();
        assertThat(page.locator("#sign-in")).isHidden();
        page.locator("#sign-out").click();
        assertThat(page.locator("#sign-in")).isVisible();
        assertThat((Object) page.evaluate("sessionStorage.length")).isEqualTo(0);
    }

    @Test
    void anOperatorSeesTheRoomsAndRemovesAChatterThenClosesTheRoom() throws Exception {
        String title = "<img src=x onerror=alert(1)>";
        String room = http.createRoom("x", 8, null);
        String titled = http.post("/chat/rooms", "{\"title\":\"" + title.replace("\"", "\\\"")
                + "\",\"capacity\":8,\"isPassword\":false}").data().path("id").asText();
        ChatClient alice = client();
        alice.join(Map.of("roomId", titled));
        ChatClient bob = client();
        JsonNode bobMe = bob.join(Map.of("roomId", titled)).path("data");
        client().join(Map.of("roomId", room));

        Page page = page();
        page.navigate(app.baseUrl() + "/admin");
        signIn(page);

        Locator card = page.locator(".room[data-room-id=\"" + titled + "\"]");
        assertThat(card.locator(".room__title")).hasText(title);
        assertThat(card.locator(".person")).hasCount(2);
        assertThat(card.locator(".person__name")).containsText(new String[] {bobMe.path("nickname").asText()});
        assertThat(page.locator("#fig-connections")).not().hasText("–");
        assertThat(page.locator(".figure[data-key=\"connections\"] .spark polyline")).hasCount(1);
        assertThat(dialogs).isEmpty();
        screenshot(page, "rooms");

        card.locator(".person[data-chatter-id=\"" + bobMe.path("id").asText() + "\"] .person__kick").click();
        assertThat(page.locator("#status")).hasText("Chatter removed.");
        assertThat(dialogs).singleElement().asString().startsWith("confirm: Remove");
        bob.await("kicked", p -> p.path("chatterId").asText().equals(bobMe.path("id").asText()));
        assertThat(card.locator(".person")).hasCount(1);

        card.locator(".room__close").click();
        assertThat(page.locator("#status")).hasText("Room closed.");
        alice.await("roomExpired", p -> p.path("roomId").asText().equals(titled));
        assertThat(page.locator(".room[data-room-id=\"" + titled + "\"]")).hasCount(0);
        assertThat(page.locator(".room[data-room-id=\"" + room + "\"]")).hasCount(1);
        screenshot(page, "after");
    }

    // ---------------------------------------------------------------- helpers

    private Page page() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800).setLocale("en-US"));
        context.setDefaultTimeout(10_000);
        Page page = context.newPage();
        page.onDialog(d -> {
            dialogs.add(d.type() + ": " + d.message());
            d.accept();
        });
        return page;
    }

    private static void signIn(Page page) {
        page.locator("#token").fill(TOKEN);
        page.locator("#sign-in-form button").click();
        assertThat(page.locator("#dashboard")).isVisible();
    }

    private ChatClient client() {
        ChatClient c = ChatClient.connect(app.baseUrl(), "anonymous");
        clients.add(c);
        return c;
    }

    private static void screenshot(Page page, String label) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("admin-" + label + ".png")));
    }
}
