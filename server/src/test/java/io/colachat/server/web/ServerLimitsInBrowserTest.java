package io.colachat.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The create form takes its limits from the server (GET /chat/config), not from a constant. */
class ServerLimitsInBrowserTest {

    @RegisterExtension
    static final BrowserHarness web = new BrowserHarness("--max-room-capacity", "37");

    @Test
    void theCustomCapacityFollowsTheServersMaximum() {
        Page page = web.newPage();
        page.navigate(web.url("/"));
        page.locator("label[for=capacity-custom]").click();
        assertThat(page.locator("#room-capacity-custom")).hasAttribute("max", "37");
        assertThat(page.locator("#room-capacity-hint")).containsText("37");
        web.screenshot(page, "custom-capacity");
    }
}
