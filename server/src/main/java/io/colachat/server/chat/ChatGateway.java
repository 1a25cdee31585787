package io.colachat.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.engine.Ack;
import io.colachat.engine.Args;
import io.colachat.engine.Namespace;
import io.colachat.engine.Socket;
import io.colachat.engine.SocketIoServer;
import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import io.colachat.server.text.InputRules;
import io.colachat.server.text.Texts;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Socket.IO face of the chat (contract section 5): accepts every namespace named by the
 * rule, reads each client event's payload, and hands it to {@link ChatService}. Runs on the
 * event loops: parsing and validation only, never blocking.
 */
public final class ChatGateway {

    /** Namespaces a client may connect to: {@code /} plus the contract's namespace rule. */
    public static final Pattern NAMESPACE = Pattern.compile("^/[A-Za-z0-9_-]{1,64}$");

    private final ChatService chat;
    private final Texts texts;
    private final InputRules rules;
    private volatile boolean draining;

    public ChatGateway(ChatService chat, Texts texts) {
        this.chat = chat;
        this.texts = texts;
        this.rules = new InputRules(texts);
    }

    /** Registers the dynamic chat namespaces on the engine. */
    public void attach(SocketIoServer io) {
        Namespace parent = io.of(NAMESPACE);
        parent.onConnection(this::onConnection);
    }

    private void onConnection(Socket socket) {
        String namespace = socket.namespace().name().substring(1);
        socket.on("joinRoom", (args, ack) -> handle(ack, reply -> {
            JsonNode p = payload(args);
            OptionalLong last = rules.optionalInteger(p.get("lastMessageId"), "lastMessageId", 0, Long.MAX_VALUE);
            ChatService.JoinRequest req = new ChatService.JoinRequest(
                    rules.uuid(p.get("roomId"), "roomId"),
                    rules.optionalUuid(p.get("chatterId"), "chatterId").orElse(null),
                    optionalText(p, "token", 256),
                    rules.passwordAttempt(p.get("password")).orElse(null),
                    last.isPresent() ? last.getAsLong() : null);
            chat.join(socket, namespace, req, reply);
        }));
        socket.on("sendMessage", (args, ack) -> handle(ack, reply -> {
            JsonNode p = payload(args);
            UUID roomId = rules.uuid(p.get("roomId"), "roomId");
            String content = rules.content(p.get("content"));
            chat.send(socket, roomId, content, reply);
        }));
        socket.on("returnChatters", (args, ack) -> handle(ack, reply ->
                chat.returnChatters(socket, rules.uuid(payload(args).get("roomId"), "roomId"), reply)));
        socket.on("leaveRoom", (args, ack) -> handle(ack, reply -> chat.leave(socket, reply)));
        socket.on("typing", (args, ack) -> handle(ack, reply ->
                chat.typing(socket, rules.uuid(payload(args).get("roomId"), "roomId"), reply)));
        socket.on("sendAlert", (args, ack) -> new Reply(ack, texts).fail(ErrorCode.FORBIDDEN));
        socket.onDisconnect((s, reason) -> chat.disconnected(s));
    }

    /**
     * Stops taking events: from now on every event is answered UNAVAILABLE (so a client retries
     * it elsewhere) while work already accepted finishes. Used by the shutdown drain.
     */
    public void drain() {
        draining = true;
    }

    private void handle(Ack ack, java.util.function.Consumer<Reply> action) {
        Reply reply = new Reply(ack, texts);
        if (draining) {
            reply.fail(ErrorCode.UNAVAILABLE);
            return;
        }
        try {
            action.accept(reply);
        } catch (ApiException e) {
            reply.fail(e);
        }
    }

    /** The event's one payload object; anything else is INVALID_INPUT. */
    private JsonNode payload(Args args) {
        JsonNode p = args.get(0);
        if (!p.isObject()) {
            throw ApiException.invalid("payload", texts.error(ErrorCode.INVALID_INPUT));
        }
        return p;
    }


    private String optionalText(JsonNode p, String field, int maxLength) {
        JsonNode v = p.get(field);
        if (InputRules.absent(v)) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(field, texts.notString(field));
        }
        if (v.textValue().length() > maxLength) {
            throw ApiException.invalid(field, texts.length(field, 1, maxLength));
        }
        return v.textValue();
    }

}
