package io.colachat.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The enter step: password rooms, full rooms, and rooms that do not exist. */
class RoomAccessInBrowserTest {

    @RegisterExtension
    static final BrowserHarness web = new BrowserHarness();


    @Test
    void aPasswordRoomRefusesTheWrongPasswordAndAdmitsTheRightOne() {
        ChatPage a = new ChatPage(web, web.newPage());
        String link = a.createRoom("Secret club", 4, "open sesame");

        ChatPage b = new ChatPage(web, web.newPage(360, 740, "en-US"));
        b.page.navigate(link);
        assertThat(b.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Secret club");
        b.enter("open sesam");
        assertThat(b.gateError()).hasText("The password is wrong.");
        assertThat(b.page.getByLabel("Room password")).isFocused();
        web.screenshot(b.page, "wrong-password");

        b.enter("open sesame");
        b.waitOnline();
        String bName = b.nickname();
        assertThat(a.notice(bName + " joined.")).hasCount(1);
        b.send("I'm in.");
        assertThat(a.bubbles()).hasText(new String[] {"I'm in."});
        web.screenshot(b.page, "admitted");

        // The lobby shows the room with its lock, who is there, and the time it has left.
        Page lobby = web.newPage();
        lobby.navigate(web.url("/"));
        Locator room = lobby.locator(".room-link").filter(new Locator.FilterOptions().setHasText("Secret club"));
        assertThat(room.locator(".tag--lock")).hasCount(1);
        assertThat(room).containsText("2/4");
        assertThat(room).containsText(java.util.regex.Pattern.compile("2[34]h \\d+m left"));
        room.click();
        assertThat(lobby.getByLabel("Room password")).isVisible();
        web.screenshot(lobby, "lobby-then-gate");
    }

    @Test
    void aFullRoomRefusesWithItsMessage() {
        ChatPage a = new ChatPage(web, web.newPage());
        String link = a.createRoom("Just us two", 2, null);
        ChatPage b = new ChatPage(web, web.newPage());
        b.join(link, null);

        ChatPage c = new ChatPage(web, web.newPage(360, 740, "en-US"));
        c.page.navigate(link);
        assertThat(c.page.locator(".gate__meta")).hasText("2 of 2 people here");
        c.enter(null);
        assertThat(c.gateError()).hasText("The room is full. Try again when someone leaves.");
        assertThat(c.page.locator(".composer")).hasCount(0);
        assertThat(a.page.locator(".people__list .person")).hasCount(2);
        web.screenshot(c.page, "refused");
    }

    @Test
    void anUnknownRoomSaysSo() {
        Page page = web.newPage();
        page.navigate(web.url("/chat/00000000-0000-4000-8000-000000000000"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("No such room");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create a room"))).isVisible();
        web.screenshot(page, "unknown");
    }
}
