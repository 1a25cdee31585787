package io.colachat.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Text from other people is shown as text and never runs. The page's Content-Security-Policy is
 * bypassed here (see {@link BrowserHarness}), so this checks the rendering, not the policy.
 */
class UserTextInBrowserTest {

    private static final String MARKUP = "<img src=x onerror=alert(1)>";
    /** Nicknames are at most 20 characters, so MARKUP itself is refused as one; this fits. */
    private static final String MARKUP_NICKNAME = "<svg/onload=alert()>";

    @RegisterExtension
    static final BrowserHarness web = new BrowserHarness();


    @Test
    void markupInANicknameAndAMessageIsShownAsTextAndRunsNothing() {
        ChatPage a = new ChatPage(web, web.newPage());
        String link = a.createRoom(MARKUP, 4, null);
        ChatPage b = new ChatPage(web, web.newPage());
        b.join(link, null);
        String before = b.nickname();

        assertThat(b.rename(MARKUP)).isEqualTo("Use 1 to 20 characters.");
        assertThat(b.rename(MARKUP_NICKNAME)).isEmpty();
        assertThat(b.page.locator(".person--self .person__name")).hasText(MARKUP_NICKNAME);
        b.send(MARKUP);

        assertThat(a.page.locator(".msg__author").last()).hasText(MARKUP_NICKNAME);
        assertThat(a.bubbles().last()).hasText(MARKUP);
        assertThat(a.notice(before + " is now " + MARKUP_NICKNAME + ".")).hasCount(1);
        assertThat(a.page.locator(".people__list .person__name").filter(
                new com.microsoft.playwright.Locator.FilterOptions().setHasText(MARKUP_NICKNAME))).hasCount(1);
        assertThat(a.page.locator(".bar__title")).hasText(MARKUP);
        // Nothing became an element, and nothing ran.
        assertThat(a.page.locator("#app img, #app svg:not(.icon)")).hasCount(0);
        assertThat(b.page.locator("#app img, #app svg:not(.icon)")).hasCount(0);
        a.send("still here");
        assertThat(b.bubbles().last()).hasText("still here");
        // The lobby shows the room's title as text too.
        com.microsoft.playwright.Page lobby = web.newPage(360, 740, "en-US");
        lobby.navigate(web.url("/"));
        assertThat(lobby.locator(".room-link__name").first()).hasText(MARKUP);
        assertThat(lobby.locator("#app img")).hasCount(0);

        assertThat(web.dialogs()).isEmpty();
        web.screenshot(a.page, "a");
        web.screenshot(b.page, "b");
        web.screenshot(lobby, "lobby-360px");
    }
}
