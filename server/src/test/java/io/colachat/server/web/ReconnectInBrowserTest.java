package io.colachat.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reader whose connection drops gets every message it missed, once and in order. */
class ReconnectInBrowserTest {

    @RegisterExtension
    static final BrowserHarness web = new BrowserHarness();


    @Test
    void aDroppedConnectionCatchesUpEveryMessageOnceInOrder() {
        ChatPage a = new ChatPage(web, web.newPage());
        String link = a.createRoom("Flaky train wifi", 4, null);
        ChatPage b = new ChatPage(web, web.newPage(360, 740, "en-US"));
        b.join(link, null);
        String bName = b.nickname();
        a.send("before the tunnel");
        assertThat(b.bubbles()).hasText(new String[] {"before the tunnel"});

        // Chromium's offline mode closes B's WebSocket and fails every request, like a dead network.
        b.page.context().setOffline(true);
        assertThat(b.page.locator(".banner")).hasText("You are offline. Messages will catch up when you are back.");
        assertThat(b.page.locator(".composer__send")).isDisabled();
        a.send("one");
        a.send("two");
        a.send("three");
        // The server has noticed: B's grace ran out while A wrote.
        assertThat(a.notice(bName + " left.")).hasCount(1);
        web.screenshot(b.page, "b-offline");

        b.page.context().setOffline(false);
        b.waitOnline();
        assertThat(b.page.locator(".banner")).isHidden();
        String[] expected = {"before the tunnel", "one", "two", "three"};
        assertThat(b.bubbles()).hasText(expected);
        assertThat(b.nickname()).isEqualTo(bName);

        a.send("welcome back");
        assertThat(b.bubbles()).hasText(new String[] {"before the tunnel", "one", "two", "three", "welcome back"});
        List<Long> ids = ((List<?>) b.page.locator(".timeline__list > li").evaluateAll(
                "items => items.map(li => Number(li.dataset.id))")).stream()
                .map(n -> ((Number) n).longValue()).toList();
        assertThat(ids).doesNotHaveDuplicates().isSorted();
        web.screenshot(b.page, "b-caught-up");
        web.screenshot(a.page, "a");
    }

    @Test
    void aServerRestartLosesNothing() {
        ChatPage a = new ChatPage(web, web.newPage());
        String link = a.createRoom("Deploy day", 4, null);
        ChatPage b = new ChatPage(web, web.newPage());
        b.join(link, null);
        String bName = b.nickname();
        b.send("before the restart");
        assertThat(a.bubbles()).hasText(new String[] {"before the restart"});

        // B is away while the server restarts and A writes; then B comes back.
        b.page.context().setOffline(true);
        assertThat(b.page.locator(".page--room[data-conn=offline]")).hasCount(1);
        web.restartServer();
        a.waitOnline();
        a.send("after the restart");
        a.send("anyone?");
        b.page.context().setOffline(false);
        b.waitOnline();

        String[] expected = {"before the restart", "after the restart", "anyone?"};
        assertThat(b.bubbles()).hasText(expected);
        assertThat(a.bubbles()).hasText(expected);
        assertThat(b.nickname()).isEqualTo(bName);
        b.send("back");
        assertThat(a.bubbles().last()).hasText("back");
        web.screenshot(b.page, "b");
    }
}
