package io.colachat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's pure modules, imported as the page imports them and run in Chromium: presence
 * sync, the timeline's ordering, and the choice of language.
 */
class ClientModulesInBrowserTest {

    @RegisterExtension
    static final BrowserHarness web = new BrowserHarness();
    private static Page page;

    @BeforeEach
    void open() {
        // Any page of the site: the modules are imported from it as the app imports them.
        page = web.newPage();
        page.navigate(web.url("/"));
    }

    @Test
    void aDiffBeforeTheFirstListIsDroppedAndLaterOnesApplyInOrder() {
        List<Object> names = js("""
                async () => {
                  const p = await import('/presence.js');
                  let s = p.emptyPresence();
                  s = p.syncDiff(s, { joined: [{ id: 'x', nickname: 'Early' }], left: [], renamed: [] });
                  const before = s.members.size;
                  s = p.syncList(s, [{ id: 'a', nickname: 'Ann' }, { id: 'b', nickname: 'Bo' }]);
                  s = p.syncDiff(s, { joined: [{ id: 'c', nickname: 'Cy' }], left: ['a'], renamed: [] });
                  s = p.syncDiff(s, { joined: [], left: [], renamed: [{ id: 'b', nickname: 'Bea' }, { id: 'z', nickname: 'Gone' }] });
                  return [before, ...p.roster(s, 'c').map(c => c.nickname)];
                }""");
        assertThat(names).containsExactly(0, "Cy", "Bea");
    }

    @Test
    void typingNoticesRunOutAndStopWithTheMessage() {
        Map<String, Object> left = js("""
                async () => {
                  const p = await import('/presence.js');
                  let t = p.emptyTyping();
                  t = p.typingStarted(t, { chatterId: 'a', nickname: 'Ann' }, 0);
                  t = p.typingStarted(t, { chatterId: 'b', nickname: 'Bo' }, 3000);
                  const both = p.typers(t);
                  t = p.typingPruned(t, p.TYPING_TTL_MS + 1);
                  const afterTtl = p.typers(t);
                  t = p.typingStopped(t, 'b');
                  return { both, afterTtl, end: p.typers(t) };
                }""");
        assertThat(left).containsEntry("both", List.of("Ann", "Bo"))
                .containsEntry("afterTtl", List.of("Bo")).containsEntry("end", List.of());
    }

    @Test
    void theTimelineShowsEachIdOnceInIdOrderWhateverTheArrivalOrder() {
        Map<String, Object> ids = js("""
                async () => {
                  const { Timeline } = await import('/timeline.js');
                  const tl = new Timeline({ onUnread() {}, onNearTop() {} });
                  document.body.append(tl.el);
                  const m = (id) => ({ id, type: 'MESSAGE', content: 'm' + id, sentAt: '2026-11-24T10:00:00.000Z',
                    roomId: 'r', chatterId: 'c', chatter: { id: 'c', nickname: 'C' } });
                  const added = [tl.add([m(5), m(3)], 'live'), tl.add([m(4), m(5)], 'catchup'),
                    tl.add([m(1), m(3)], 'older'), tl.add([m(6)], 'own')];
                  return { added, ids: [...tl.list.children].map(li => Number(li.dataset.id)) };
                }""");
        assertThat(ids).containsEntry("added", List.of(2, 1, 1, 1))
                .containsEntry("ids", List.of(1, 3, 4, 5, 6));
    }

    @Test
    void theLanguageIsTheFirstPreferredOneWeHave() {
        List<Object> picks = js("""
                async () => {
                  const { pickLanguage } = await import('/i18n.js');
                  return [pickLanguage(['ko-KR', 'en-US']), pickLanguage(['fr-FR', 'ko']), pickLanguage(['de']),
                    pickLanguage([])];
                }""");
        assertThat(picks).containsExactly("ko", "ko", "en", "en");
    }

    /** Runs a script in the page and returns its JSON result as Java lists, maps and numbers. */
    @SuppressWarnings("unchecked")
    private static <T> T js(String script) {
        return (T) page.evaluate(script);
    }
}
