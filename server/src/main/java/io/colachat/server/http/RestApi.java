package io.colachat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colachat.server.abuse.RateLimits;
import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import io.colachat.server.chat.ChatService;
import io.colachat.server.chat.Views;
import io.colachat.server.room.RoomService;
import io.colachat.server.security.Tokens;
import io.colachat.server.store.ChatterRecord;
import io.colachat.server.store.ChatterRepository;
import io.colachat.server.store.Database;
import io.colachat.server.store.MessageRecord;
import io.colachat.server.store.MessageRepository;
import io.colachat.server.store.RoomRecord;
import io.colachat.server.text.InputRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The REST routes of the contract (section 4), as plain blocking methods: each returns the
 * {@code data} of a success or throws {@link ApiException}. The router runs them on a worker
 * thread and wraps the result in the envelope.
 */
public final class RestApi {

    /** Messages per history page. */
    public static final int PAGE_SIZE = 20;
    public static final int CURSOR_DEFAULT = 100;
    public static final int CURSOR_MAX = 500;

    private final ObjectMapper mapper;
    private final Database db;
    private final RoomService rooms;
    private final ChatService chat;
    private final ChatterRepository chatters;
    private final MessageRepository messages;
    private final int maxCapacity;
    private final InputRules rules;
    private final RateLimits limits;

    public RestApi(ObjectMapper mapper, Database db, RoomService rooms, ChatService chat, int maxCapacity,
            InputRules rules, RateLimits limits) {
        this.rules = rules;
        this.limits = limits;
        this.mapper = mapper;
        this.db = db;
        this.rooms = rooms;
        this.chat = chat;
        this.chatters = new ChatterRepository(db);
        this.messages = new MessageRepository(db);
        this.maxCapacity = maxCapacity;
    }

    /** POST /chat/rooms */
    public Views.Room createRoom(Request req) {
        JsonNode body = req.jsonObject(mapper);
        String title = rules.title(body.get("title"));
        int capacity = rules.capacity(body.get("capacity"), maxCapacity);
        String password = rules.roomPassword(body.get("isPassword"), body.get("password")).orElse(null);
        String namespace = rules.namespace(body.get("namespace"));
        // Counted only once the request is valid: a typo costs nothing.
        if (!limits.allowRoomCreation(req.remoteIp())) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "");
        }
        return rooms.create(new RoomService.NewRoom(title, capacity, password, namespace));
    }

    /** GET /chat/config: the limits a client's forms need. */
    public Map<String, Object> config() {
        return Map.of("maxRoomCapacity", maxCapacity, "minRoomCapacity", InputRules.MIN_CAPACITY,
                "titleMax", InputRules.TITLE_MAX, "nicknameMax", InputRules.NICKNAME_MAX,
                "contentMax", InputRules.CONTENT_MAX, "passwordMax", InputRules.PASSWORD_MAX);
    }

    /** GET /chat/rooms */
    public List<Views.Room> listRooms() {
        return rooms.list();
    }

    /** GET /chat/rooms/{roomId} */
    public Views.Room getRoom(String roomId) {
        return rooms.get(uuid(roomId, "roomId"));
    }

    /** POST /chat/rooms/{roomId}/access-check */
    public boolean accessCheck(String roomId, Request req) {
        UUID id = uuid(roomId, "roomId");
        JsonNode body = req.json(mapper);
        String password = null;
        if (body.isObject()) {
            password = rules.passwordAttempt(body.get("password")).orElse(null);
        } else if (!body.isNull()) {
            throw ApiException.invalid("body", "the body must be a JSON object");
        }
        return rooms.accessCheck(id, password, req.remoteIp());
    }

    /** GET /chat/rooms/{roomId}/{chatterId}/reentry-check */
    public boolean reentryCheck(String roomId, String chatterId) {
        return rooms.reentryCheck(uuid(roomId, "roomId"), uuid(chatterId, "chatterId"));
    }

    /** GET /chat/messages/{roomId}/{page}/{chatterId?} with the chatter's bearer token. */
    public List<Map<String, Object>> page(String roomId, String page, String chatterId, Request req) {
        UUID room = uuid(roomId, "roomId");
        int pageNo = positiveInt(page, "page", 1_000_000);
        RoomRecord r = rooms.open(room);
        if (chatterId == null) {
            return List.of();
        }
        ChatterRecord chatter = authorised(r.id(), uuid(chatterId, "chatterId"), req.bearer());
        return views(db.execute(c -> messages.page(c, r.id(), chatter.firstJoinMessageId(), pageNo, PAGE_SIZE)));
    }

    /** GET /chat/rooms/{roomId}/messages?after=&limit= with a bearer token. */
    public List<Map<String, Object>> after(String roomId, Request req) {
        UUID room = uuid(roomId, "roomId");
        long after = req.param("after") == null ? 0 : nonNegativeLong(req.param("after"), "after");
        int limit = req.param("limit") == null ? CURSOR_DEFAULT : positiveInt(req.param("limit"), "limit", CURSOR_MAX);
        RoomRecord r = rooms.open(room);
        String token = req.bearer();
        if (token == null) {
            throw new ApiException(ErrorCode.INVALID_TOKEN, "");
        }
        ChatterRecord chatter = db.execute(c -> chatters.findByTokenHash(c, r.id(), Tokens.hash(token)))
                .filter(c -> !c.revoked())
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_TOKEN, ""));
        return views(db.execute(c -> messages.after(c, r.id(), chatter.firstJoinMessageId(), after, limit)));
    }

    /** PATCH /chat/chatters/{chatterId}/nickname with the chatter's bearer token. */
    public Views.Chatter rename(String chatterId, Request req) {
        UUID id = uuid(chatterId, "chatterId");
        String nickname = rules.nickname(req.jsonObject(mapper).get("nickname"));
        ChatterRecord chatter = db.execute(c -> chatters.findById(c, id))
                .orElseThrow(() -> new ApiException(ErrorCode.CHATTER_NOT_FOUND, ""));
        checkToken(chatter, req.bearer());
        return chat.rename(chatter, nickname).join();
    }

    // ---------------------------------------------------------------- helpers

    private ChatterRecord authorised(UUID roomId, UUID chatterId, String token) {
        ChatterRecord chatter = db.execute(c -> chatters.findById(c, chatterId))
                .filter(c -> c.roomId().equals(roomId))
                .orElseThrow(() -> new ApiException(ErrorCode.CHATTER_NOT_FOUND, ""));
        checkToken(chatter, token);
        return chatter;
    }

    private static void checkToken(ChatterRecord chatter, String token) {
        if (token == null || chatter.revoked() || !Tokens.matches(token, chatter.tokenHash())) {
            throw new ApiException(ErrorCode.INVALID_TOKEN, "");
        }
    }

    private static List<Map<String, Object>> views(List<MessageRecord> records) {
        List<Map<String, Object>> out = new ArrayList<>(records.size());
        for (MessageRecord m : records) {
            out.add(Views.message(m));
        }
        return out;
    }

    private UUID uuid(String s, String field) {
        return rules.uuid(s, field);
    }

    private int positiveInt(String s, String field, int max) {
        return (int) rules.integer(s, field, 1, max);
    }

    private long nonNegativeLong(String s, String field) {
        return rules.integer(s, field, 0, Long.MAX_VALUE);
    }
}
