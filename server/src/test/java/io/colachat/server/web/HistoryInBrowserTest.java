package io.colachat.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** History pages load on scrolling up without moving the view; new messages wait in a preview bar. */
class HistoryInBrowserTest {

    private static final int COUNT = 45;

    /** Flood control would refuse a burst of COUNT messages from one chatter: raised here. */
    @RegisterExtension
    static final BrowserHarness web = new BrowserHarness("--flood-burst", "200");


    @Test
    void olderPagesLoadOnScrollingUpAndNewMessagesShowAPreview() {
        ChatPage a = new ChatPage(web, web.newPage());
        String link = a.createRoom("Long story", 4, null);
        ChatPage b = new ChatPage(web, web.newPage(800, 600, "en-US"));
        b.join(link, null);

        List<String> all = new ArrayList<>();
        Locator input = a.page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
        for (int i = 1; i <= COUNT; i++) {
            String text = String.format("message %02d", i);
            all.add(text);
            input.fill(text);
            input.press("Enter");
        }
        assertThat(b.bubbles()).hasCount(COUNT);

        // A reload shows the newest page (20), scrolled to the bottom.
        b.page.reload();
        b.waitOnline();
        assertThat(b.bubbles()).hasCount(20);
        assertThat(b.bubbles().last()).isInViewport();

        // Scrolling to the top loads the next page; what was on screen stays where it was.
        Locator timeline = b.page.locator(".timeline");
        Locator firstBubble = b.bubbles().first();
        String firstText = firstBubble.textContent();
        double before = ((Number) timeline.evaluate("el => { el.scrollTop = 0; "
                + "return el.querySelector('.msg__bubble').getBoundingClientRect().top; }")).doubleValue();
        assertThat(b.bubbles()).hasCount(40);
        double after = ((Number) b.bubbles().filter(new Locator.FilterOptions().setHasText(firstText))
                .evaluate("bubble => bubble.getBoundingClientRect().top")).doubleValue();
        assertThat(after).isCloseTo(before, within(2.0));
        web.screenshot(b.page, "older-loaded");

        // Up to the very beginning: B's own JOIN, then every message once, in order.
        timeline.evaluate("el => el.scrollTop = 0");
        assertThat(b.bubbles()).hasCount(COUNT);
        assertThat(b.bubbles()).hasText(all.toArray(String[]::new));
        assertThat(b.page.locator(".timeline__top")).hasText("You see the messages from when you joined.");
        assertThat(b.notices().first()).hasText("You joined.");

        // Scrolled up, a new message does not move the view: a preview bar offers it instead.
        timeline.evaluate("el => el.scrollTop = 0");
        a.send("fresh news");
        Locator preview = b.page.locator(".preview");
        assertThat(preview).isVisible();
        assertThat(preview).containsText("fresh news");
        assertThat(((Number) timeline.evaluate("el => el.scrollTop")).intValue()).isZero();
        web.screenshot(b.page, "preview");
        preview.click();
        assertThat(preview).isHidden();
        assertThat(b.bubbles().last()).hasText("fresh news");
        assertThat(b.bubbles().last()).isInViewport();
    }
}
