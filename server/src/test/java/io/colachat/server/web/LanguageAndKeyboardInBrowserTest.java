package io.colachat.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Korean from the browser's language, a 360 px phone, and the composer's keyboard rules. */
class LanguageAndKeyboardInBrowserTest {

    @RegisterExtension
    static final BrowserHarness web = new BrowserHarness();


    @Test
    void aKoreanBrowserGetsKoreanAndNothingOverflows360Pixels() {
        Page page = web.newPage(360, 740, "ko-KR");
        page.navigate(web.url("/"));
        assertThat(page.locator("html")).hasAttribute("lang", "ko");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("방 만들기"))).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("열린 방"))).isVisible();
        assertThat(widthOverflow(page)).isZero();
        web.screenshot(page, "home-ko-360px");

        page.getByLabel("방 제목").fill("한국어 방");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("방 만들기")).click();
        assertThat(page.locator(".page--room[data-conn=online]")).hasCount(1);
        assertThat(page.locator(".note__text > span").first()).hasText("입장했습니다.");
        assertThat(page.getByPlaceholder("메시지를 입력하세요…")).isVisible();
        assertThat(widthOverflow(page)).isZero();
        web.screenshot(page, "room-ko-360px");
    }

    @Test
    void enterSendsShiftEnterBreaksTheLineAndTheCounterWarnsNearTheLimit() {
        ChatPage a = new ChatPage(web, web.newPage());
        a.createRoom("Keys", 4, null);
        Locator input = a.page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
        input.pressSequentially("line one");
        input.press("Shift+Enter");
        input.pressSequentially("line two");
        assertThat(input).hasValue("line one\nline two");
        input.press("Enter");
        assertThat(a.bubbles().last()).hasText("line one\nline two");
        assertThat(a.page.locator(".msg__bubble").last()).hasJSProperty("innerText", "line one\nline two");

        Locator counter = a.page.locator("#composer-count");
        Locator send = a.page.locator(".composer__send");
        input.fill("x".repeat(899));
        assertThat(counter).isHidden();
        input.fill("x".repeat(950));
        assertThat(counter).hasText("950 / 1000");
        assertThat(send).isEnabled();
        input.fill("x".repeat(1001));
        assertThat(counter).hasText("1001 / 1000 · too long");
        assertThat(send).isDisabled();
        input.press("Enter");
        assertThat(input).hasValue("x".repeat(1001));
        web.screenshot(a.page, "counter");

        // The menu works from the keyboard and Escape gives the focus back.
        Locator menuButton = a.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Room menu"));
        menuButton.focus();
        a.page.keyboard().press("Enter");
        Locator menu = a.page.locator("#room-menu");
        assertThat(menu.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy link"))).isFocused();
        a.page.keyboard().press("ArrowDown");
        assertThat(menu.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change nickname"))).isFocused();
        web.screenshot(a.page, "menu");
        a.page.keyboard().press("Escape");
        assertThat(menuButton).isFocused();
        assertThat(menu).isHidden();
    }

    private static int widthOverflow(Page page) {
        return ((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")).intValue();
    }
}
