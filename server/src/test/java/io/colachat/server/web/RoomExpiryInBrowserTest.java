package io.colachat.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An expired room has its own page, for those inside it and for those who open its link later. */
class RoomExpiryInBrowserTest {

    @RegisterExtension
    static final BrowserHarness web = new BrowserHarness("--room-ttl", "3s");

    @Test
    void anExpiredRoomShowsItsOwnPage() {
        ChatPage a = new ChatPage(web, web.newPage());
        String link = a.createRoom("Short lived", 4, null);
        a.send("quick, before it fizzes out");

        assertThat(a.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("This room has expired");
        web.screenshot(a.page, "inside");

        Page later = web.newPage(360, 740, "en-US");
        later.navigate(link);
        assertThat(later.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("This room has expired");
        assertThat(later.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create a room"))).isVisible();
        web.screenshot(later, "later-360px");
    }
}
