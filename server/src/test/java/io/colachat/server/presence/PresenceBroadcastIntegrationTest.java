package io.colachat.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.LiveServer;
import io.colachat.server.testing.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How presence changes are broadcast: diffs to all, full lists only to the joiner past the limit. */
@Tag("integration")
class PresenceBroadcastIntegrationTest {

    @RegisterExtension
    final LiveServer server = new LiveServer();

    private ChatClient client() {
        return server.client();
    }

    @Test
    void pastTheFullListLimitMembersGetDiffsAndOnlyTheJoinerGetsTheFullList() {
        TestApp app = server.start("--presence-full-list-limit", "2");
        String room = new Http(app.baseUrl()).createRoom("Big", 10, null);
        List<ChatClient> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ChatClient c = client();
            c.join(Map.of("roomId", room));
            members.add(c);
        }
        ChatClient first = members.get(0);
        ChatClient last = members.get(3);
        // Everything before this message has reached the first member.
        last.send(room, "sync");
        first.await("sendMessage", p -> p.path("content").asText().equals("sync"));
        // The first member: its own list, then the room's list after the 2nd join (2 present);
        // the 3rd and 4th joins only bring diffs.
        List<JsonNode> lists = first.received("returnChatters");
        assertThat(lists).extracting(JsonNode::size).containsExactly(1, 2);
        // A diff for each of the four joins, its own included.
        assertThat(first.received("presenceDiff")).hasSize(4);
        // The last joiner got the full list of four, once.
        last.await("returnChatters", p -> p.size() == 4);
        assertThat(last.received("returnChatters")).hasSize(1);
    }

    @Test
    void renamingToANicknameAnotherPresentChatterHoldsIsRefused() {
        TestApp app = server.start();
        Http http = new Http(app.baseUrl());
        String room = http.createRoom("Names", 10, null);
        JsonNode a = client().join(Map.of("roomId", room)).path("data");
        JsonNode b = client().join(Map.of("roomId", room)).path("data");
        Http.Res taken = http.patch("/chat/chatters/" + b.path("id").asText() + "/nickname",
                "{\"nickname\":\"" + a.path("nickname").asText() + "\"}", b.path("token").asText());
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.code()).isEqualTo("INVALID_INPUT");
        Http.Res unknown = http.patch("/chat/chatters/00000000-0000-0000-0000-000000000000/nickname",
                "{\"nickname\":\"Ghost\"}", b.path("token").asText());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("CHATTER_NOT_FOUND");
    }
}
