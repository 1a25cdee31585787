package io.colachat.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;

/**
 * The web client as a person uses it, for the browser tests: one object per browser page,
 * with the actions of the home page, the enter step and the chat. Every wait is one of
 * Playwright's auto-waiting assertions, bounded by the default timeout.
 */
final class ChatPage {

    final Page page;
    private final BrowserHarness web;

    ChatPage(BrowserHarness web, Page page) {
        this.web = web;
        this.page = page;
    }

    // ---------------------------------------------------------------- home

    /** Creates a room from the home page and lands in it; returns the room's link. */
    String createRoom(String title, int capacity, String password) {
        page.navigate(web.url("/"));
        page.getByLabel("Room title").fill(title);
        if (List.of(2, 4, 8, 16).contains(capacity)) {
            page.locator("label[for=capacity-" + capacity + "]").click();
        } else {
            page.locator("label[for=capacity-custom]").click();
            page.getByLabel("Custom capacity").fill(String.valueOf(capacity));
        }
        if (password != null) {
            page.locator("label[for=room-protect]").click();
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create room")).click();
        waitOnline();
        return page.url();
    }

    // ---------------------------------------------------------------- the enter step

    /** Opens a room link and passes the enter step (with the password, if given). */
    void join(String link, String password) {
        page.navigate(link);
        enter(password);
        waitOnline();
    }

    /** On the enter step: types the password (if any) and presses Enter room. */
    void enter(String password) {
        if (password != null) {
            page.getByLabel("Room password").fill(password);
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enter room")).click();
    }

    Locator gateError() {
        return page.locator("#gate-error");
    }

    // ---------------------------------------------------------------- the chat

    /** Waits until the chat is connected and joined (the send button can work). */
    void waitOnline() {
        assertThat(page.locator(".page--room[data-conn=online]")).hasCount(1);
    }

    /** Sends a message with the Enter key and waits until the server has stored it. */
    void send(String text) {
        Locator input = page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
        input.fill(text);
        input.press("Enter");
        assertThat(input).hasValue("");
        assertThat(page.locator(".msg--own .msg__bubble").filter(new Locator.FilterOptions().setHasText(text)).last())
                .isVisible();
    }

    /** The own nickname, from the people list. */
    String nickname() {
        Locator self = page.locator(".person--self .person__name");
        assertThat(self).hasCount(1);
        return self.textContent();
    }

    /** Every message bubble's text, in page order. */
    Locator bubbles() {
        return page.locator(".timeline__list .msg__bubble");
    }

    /** Every server notice (JOIN, LEAVE, RENAME), without its time. */
    Locator notices() {
        return page.locator(".timeline__list .note__text > span:first-child");
    }

    /** Notices whose text is exactly this. */
    Locator notice(String text) {
        return page.locator(".timeline__list .note__text")
                .getByText(text, new Locator.GetByTextOptions().setExact(true));
    }

    /** Changes the nickname through the room menu; returns the dialog's error text, "" on success. */
    String rename(String nickname) {
        Locator dialog = page.locator("dialog.dialog");
        if (!dialog.isVisible()) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Room menu")).click();
            page.locator("#room-menu").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Change nickname")).click();
        }
        Locator input = page.getByLabel("New nickname");
        input.fill(nickname);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        Locator error = page.locator("#rename-error");
        // Either the dialog closes (renamed) or it stays open with an error.
        page.waitForCondition(() -> !dialog.isVisible() || !error.textContent().isEmpty());
        return dialog.isVisible() ? error.textContent() : "";
    }
}
