package io.colachat.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.colachat.server.web.BrowserHarness.GRACE_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two people chat in real browsers; refreshes and closed pages announce exactly what they should. */
class ChatInBrowserTest {

    @RegisterExtension
    static final BrowserHarness web = new BrowserHarness();


    @Test
    void twoPeopleSeeEachOthersMessagesInOrder() {
        ChatPage a = new ChatPage(web, web.newPage());
        String link = a.createRoom("Friday plans", 8, null);
        assertThat(a.page.locator("#share-link")).hasValue(link);

        ChatPage b = new ChatPage(web, web.newPage(360, 740, "en-US"));
        b.join(link, null);
        String bName = b.nickname();
        assertThat(a.notice(bName + " joined.")).hasCount(1);

        a.send("Hi! Pizza on Friday?");
        b.send("Yes!\nI know a place near the station.");
        a.send("Great, 7 pm then.");
        b.send("See you there.");

        List<String> expected = List.of("Hi! Pizza on Friday?", "Yes!\nI know a place near the station.",
                "Great, 7 pm then.", "See you there.");
        assertThat(a.bubbles()).hasText(expected.toArray(String[]::new));
        assertThat(b.bubbles()).hasText(expected.toArray(String[]::new));
        // Own messages on one side, the others' under their nickname.
        assertThat(a.page.locator(".msg--own .msg__bubble")).hasText(new String[] {expected.get(0), expected.get(2)});
        assertThat(a.page.locator(".msg:not(.msg--own) .msg__author").first()).hasText(bName);
        assertThat(a.page.locator(".people__list .person")).hasCount(2);
        assertThat(b.page.locator(".people-toggle")).containsText("2 / 8");

        web.screenshot(a.page, "a-desktop");
        web.screenshot(b.page, "b-360px");
    }

    @Test
    void aFloodIsRefusedInWordsAndTheTextIsKept() {
        ChatPage a = new ChatPage(web, web.newPage());
        a.createRoom("Slow down", 4, null);
        Locator input = a.page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
        // The default flood control lets a chatter burst 12 messages; send until it refuses one.
        Locator toast = a.page.locator("#toast");
        String refused = null;
        for (int i = 1; i <= 40 && refused == null; i++) {
            String text = "flood " + i;
            input.fill(text);
            input.press("Enter");
            Locator bubble = a.bubbles().getByText(text, new Locator.GetByTextOptions().setExact(true));
            a.page.waitForCondition(() -> bubble.count() == 1 || toast.isVisible());
            if (toast.isVisible()) {
                refused = text;
            }
        }
        assertThat(refused).as("flood control refused a message").isNotNull();
        assertThat(toast).hasText("You are sending too fast. Wait a moment.");
        assertThat(input).hasValue(refused);
        assertThat(a.bubbles().getByText(refused)).hasCount(0);
        web.screenshot(a.page, "rate-limited");
    }

    @Test
    void theMenuCopiesTheLinkRenamesAndLeavesAtOnce() {
        ChatPage a = new ChatPage(web, web.newPage());
        String link = a.createRoom("Menu", 4, null);
        ChatPage b = new ChatPage(web, web.newPage(360, 740, "en-US"));
        b.page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
        b.join(link, null);
        String before = b.nickname();

        b.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Room menu")).click();
        b.page.locator("#room-menu").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy link")).click();
        assertThat(b.page.locator("#toast")).hasText("Link copied.");
        assertThat(b.page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(link);

        assertThat(b.rename("Night Owl")).isEmpty();
        assertThat(a.notice(before + " is now Night Owl.")).hasCount(1);
        assertThat(b.notice("You are now Night Owl.")).hasCount(1);
        assertThat(a.page.locator(".people__list .person__name")).containsText(new String[] {"Night Owl"});
        web.screenshot(b.page, "renamed");

        // An explicit leave is announced without waiting for the grace, and the tab forgets the room.
        b.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Room menu")).click();
        long leftAt = System.nanoTime();
        b.page.locator("#room-menu").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Leave room")).click();
        assertThat(b.page).hasURL(web.url("/"));
        assertThat(a.notice("Night Owl left.")).hasCount(1);
        assertThat((System.nanoTime() - leftAt) / 1_000_000).isLessThan(GRACE_MS);
        b.page.navigate(link);
        assertThat(b.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enter room"))).isVisible();
        web.screenshot(a.page, "a-after-leave");
    }

    @Test
    void aRefreshKeepsTheNicknameAndAnnouncesNothing() {
        ChatPage a = new ChatPage(web, web.newPage());
        String link = a.createRoom("Refresh", 4, null);
        ChatPage b = new ChatPage(web, web.newPage());
        b.join(link, null);
        String bName = b.nickname();
        a.send("before the refresh");
        assertThat(b.bubbles()).hasText(new String[] {"before the refresh"});
        int aNotices = a.notices().count();
        int bNotices = b.notices().count();

        b.page.reload();
        b.waitOnline();
        assertThat(b.page.locator(".card--gate")).hasCount(0);
        assertThat(b.nickname()).isEqualTo(bName);
        // History is back, and the reload announced nothing on either side, not even after the grace.
        assertThat(b.bubbles()).hasText(new String[] {"before the refresh"});
        await().pollInSameThread().during(Duration.ofMillis(GRACE_MS + 500)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(a.notices().count()).isEqualTo(aNotices);
            assertThat(b.notices().count()).isEqualTo(bNotices);
        });
        assertThat(a.notice(bName + " left.")).hasCount(0);
        b.send("after the refresh");
        assertThat(a.bubbles()).hasText(new String[] {"before the refresh", "after the refresh"});
        web.screenshot(b.page, "b-after-reload");
    }

    @Test
    void closingThePageAnnouncesOneLeaveAfterTheGrace() {
        ChatPage a = new ChatPage(web, web.newPage());
        String link = a.createRoom("Goodbye", 4, null);
        ChatPage b = new ChatPage(web, web.newPage());
        b.join(link, null);
        String bName = b.nickname();
        assertThat(a.notice(bName + " joined.")).hasCount(1);

        long closedAt = System.nanoTime();
        b.page.close();
        assertThat(a.notice(bName + " left.")).hasCount(1);
        long afterMs = (System.nanoTime() - closedAt) / 1_000_000;
        assertThat(afterMs).as("the leave waits for the grace").isGreaterThanOrEqualTo(GRACE_MS - 100);
        await().pollInSameThread().during(Duration.ofMillis(GRACE_MS + 500)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(a.notice(bName + " left.").count()).isEqualTo(1));
        assertThat(a.page.locator(".people__list .person")).hasCount(1);
        web.screenshot(a.page, "a-sees-leave");
    }
}
