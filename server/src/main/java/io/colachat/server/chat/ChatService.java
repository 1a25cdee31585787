package io.colachat.server.chat;

import io.colachat.engine.BroadcastOperator;
import io.colachat.engine.Socket;
import io.colachat.server.abuse.RateLimits;
import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import io.colachat.server.cluster.Cluster;
import io.colachat.server.presence.Departure;
import io.colachat.server.presence.JoinOutcome;
import io.colachat.server.presence.LeaveOutcome;
import io.colachat.server.presence.PresenceService;
import io.colachat.server.presence.PresenceService.Member;
import io.colachat.server.security.PasswordHasher;
import io.colachat.server.security.Tokens;
import io.colachat.server.store.ChatterRecord;
import io.colachat.server.store.ChatterRepository;
import io.colachat.server.store.Database;
import io.colachat.server.store.MessageRecord;
import io.colachat.server.store.GroupCommit;
import io.colachat.server.store.MessageRepository;
import io.colachat.server.store.MessageType;
import io.colachat.server.store.NewMessage;
import io.colachat.server.store.RoomRecord;
import io.colachat.server.store.RoomRepository;
import io.colachat.server.text.NicknameGenerator;
import io.colachat.server.text.Texts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's behaviour behind the Socket.IO events: joining, sending, leaving, renaming, and
 * the presence broadcasts (contract sections 5 and 6).
 *
 * <p>Threading: public methods are called on event loops and return at once; their work runs
 * on the blocking {@code worker} executor, and everything that stores and broadcasts for a room
 * runs on that room's lane of the {@link RoomSequencer}, so a room's ids, alerts and broadcasts
 * come out in one order.
 */
public final class ChatService {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    /** The socket data key holding {@link Joined}. */
    static final String JOINED = "colachat.joined";
    /** The most stored messages replayed on a resume with {@code lastMessageId}. */
    static final int MAX_REPLAY = 500;

    /** What a socket has joined: at most one room. */
    record Joined(UUID roomId, String namespace, UUID chatterId, String token, Instant createdAt) {
    }

    /** A joinRoom request, validated. */
    public record JoinRequest(UUID roomId, UUID chatterId, String token, String password, Long lastMessageId) {
    }

    private final Database db;
    private final RoomRepository rooms;
    private final ChatterRepository chatters;
    private final MessageRepository messages;
    /** Messages of many rooms stored in one transaction. */
    private final GroupCommit appends;
    private final RoomSequencer lanes;
    private final PresenceService presence;
    private final RoomBroadcaster out;
    private final Texts texts;
    private final PasswordHasher passwords;
    private final NicknameGenerator nicknames;
    private final Executor worker;
    private final Clock clock;
    private final int fullListLimit;
    private final RateLimits limits;
    private final Cluster cluster;
    /** Namespaces of rooms that have had members here, for broadcasts from timers. */
    private final Map<UUID, String> roomNamespaces = new ConcurrentHashMap<>();
    private final RoomSequencer.BatchRunner<Outgoing> messageRunner = this::storeAndBroadcast;
    /** Who an operator removed from which room ({@link #kick}); every join consults it. */
    private final io.colachat.server.admin.RoomBans bans = new io.colachat.server.admin.RoomBans();
    private volatile io.colachat.server.metrics.ChatMetrics metrics = io.colachat.server.metrics.ChatMetrics.NONE;

    public ChatService(Database db, RoomSequencer lanes, PresenceService presence, RoomBroadcaster out,
            Texts texts, PasswordHasher passwords, NicknameGenerator nicknames, Executor worker, Clock clock,
            int fullListLimit, RateLimits limits, Cluster cluster) {
        this.limits = limits;
        this.cluster = cluster;
        cluster.onOrphans((roomId, chatterId) -> worker.execute(() -> adoptOrphan(roomId, chatterId)));
        this.db = db;
        this.rooms = new RoomRepository(db);
        this.chatters = new ChatterRepository(db);
        this.messages = new MessageRepository(db);
        this.appends = new GroupCommit(db, messages);
        this.lanes = lanes;
        this.presence = presence;
        this.out = out;
        this.texts = texts;
        this.passwords = passwords;
        this.nicknames = nicknames;
        this.worker = worker;
        this.clock = clock;
        this.fullListLimit = fullListLimit;
    }

    // ================================================================ joinRoom

    /** Joins (or resumes) a chatter; answers {@code reply} with the own chatter. */
    public void join(Socket socket, String namespace, JoinRequest req, Reply reply) {
        onWorker(reply, () -> doJoin(socket, namespace, req, reply));
    }

    private void doJoin(Socket socket, String namespace, JoinRequest req, Reply reply) {
        Joined current = joined(socket);
        if (current != null) {
            if (!current.roomId().equals(req.roomId())) {
                throw ApiException.invalid("roomId", texts.alreadyJoined());
            }
            Member m = presence.member(current.chatterId()).orElseThrow(() -> new ApiException(ErrorCode.NOT_JOINED, ""));
            reply.ok(Views.own(view(m), current.token()));
            return;
        }
        Instant now = clock.instant();
        RoomRecord room = db.execute(c -> rooms.findById(c, req.roomId()))
                .filter(r -> r.namespace().equals(namespace))
                .orElseThrow(() -> new ApiException(ErrorCode.ROOM_NOT_FOUND, ""));
        if (room.isExpiredAt(now)) {
            throw new ApiException(ErrorCode.ROOM_EXPIRED, "");
        }
        if (bans.isBanned(room.id(), req.chatterId(), ipOf(socket))) {
            throw new ApiException(ErrorCode.FORBIDDEN, "");
        }
        ChatterRecord resumed = null;
        if (req.chatterId() != null && req.token() != null) {
            resumed = db.execute(c -> chatters.findById(c, req.chatterId()))
                    .filter(c -> c.roomId().equals(room.id()) && !c.revoked() && Tokens.matches(req.token(), c.tokenHash()))
                    .orElse(null);
        }
        if (resumed == null && room.hasPassword()) {
            checkPassword(room, req.password(), ipOf(socket));
        }
        UUID chatterId = resumed != null ? resumed.id() : UUID.randomUUID();
        String token = resumed != null ? req.token() : Tokens.newToken();
        ChatterRecord existing = resumed;
        roomNamespaces.put(room.id(), room.namespace());
        // Registered before the JOIN is decided: a node whose grace runs out for this chatter
        // must already see this socket (Cluster's model).
        cluster.socketJoined(room.id(), chatterId, socket.id());
        // With other nodes, only the database sees every present chatter: it takes the seat.
        int localCapacity = cluster.distributed() ? Integer.MAX_VALUE : room.capacity();
        JoinOutcome outcome = presence.join(room.id(), chatterId, socket.id(), localCapacity,
                () -> existing != null
                        ? new Member(existing.id(), room.id(), existing.nickname(), existing.createdAt())
                        : new Member(chatterId, room.id(), nicknames.generate(presence.nicknames(room.id())), now),
                o -> {
                    if (o.admitted()) {
                        Joined joined = new Joined(room.id(), room.namespace(), chatterId, token, now);
                        socket.data().put(JOINED, joined);
                        lanes.submit(room.id(), task(reply,
                                () -> afterJoin(socket, room, joined, existing, o, req.lastMessageId(), reply)));
                    }
                });
        if (outcome == JoinOutcome.FULL) {
            cluster.socketGone(room.id(), chatterId, socket.id());
            throw new ApiException(ErrorCode.ROOM_FULL, "");
        }
        // A disconnect that raced ahead of the JOINED mark above saw nothing to release.
        if (!socket.isConnected()) {
            presence.socketGone(room.id(), chatterId, socket.id());
        }
    }

    private void checkPassword(RoomRecord room, String password, String ip) {
        if (password == null) {
            throw new ApiException(ErrorCode.WRONG_PASSWORD, "");
        }
        if (!limits.mayTryPassword(ip, room.id())) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "");
        }
        if (!passwords.verify(password, room.passwordHash())) {
            limits.wrongPassword(ip, room.id());
            throw new ApiException(ErrorCode.WRONG_PASSWORD, "");
        }
    }

    static String ipOf(Socket socket) {
        java.net.InetSocketAddress remote = socket.handshake().remoteAddress();
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** On the room's lane: store, replay, subscribe, announce, answer. */
    private void afterJoin(Socket socket, RoomRecord room, Joined joined, ChatterRecord resumed, JoinOutcome outcome,
            Long lastMessageId, Reply reply) {
        Member member = presence.member(joined.chatterId()).orElse(null);
        if (member == null) {
            // Left again (grace ran out, or leaveRoom from another tab) before this ran.
            socket.data().remove(JOINED, joined);
            cluster.socketGone(room.id(), joined.chatterId(), socket.id());
            reply.fail(ErrorCode.NOT_JOINED);
            return;
        }
        Views.Chatter me = view(member);
        try {
            cluster.inRoomOrder(room.id(), room.namespace(), () -> {
                announceJoin(socket, room, joined, member, me, resumed, outcome, lastMessageId);
                return null;
            });
        } catch (RuntimeException e) {
            // Nothing was announced: give the seat back silently (a full room, the database).
            presence.leave(room.id(), member.id(), o -> { });
            presence.forget(room.id(), member.id());
            socket.data().remove(JOINED, joined);
            socket.leave(room.id().toString());
            cluster.socketGone(room.id(), member.id(), socket.id());
            throw e;
        }
        metrics.joined(outcome == JoinOutcome.NEW);
        reply.ok(Views.own(me, joined.token()));
        socket.emit("returnChatters", presentViews(room.id()));
    }

    /**
     * Replays, stores the JOIN (and a new chatter's row, in the same transaction), subscribes the
     * socket and broadcasts; in the room's order, so no message of the room falls between the
     * replay and the subscription, on this node or another.
     */
    private void announceJoin(Socket socket, RoomRecord room, Joined joined, Member member, Views.Chatter me,
            ChatterRecord resumed, JoinOutcome outcome, Long lastMessageId) {
        if (lastMessageId != null && resumed != null && resumed.firstJoinMessageId() != null) {
            List<MessageRecord> missed = db.execute(c -> messages.newestAfter(c, room.id(),
                    resumed.firstJoinMessageId(), lastMessageId, MAX_REPLAY));
            for (MessageRecord m : missed) {
                socket.emit(eventOf(m), Views.message(m));
            }
        }
        Optional<MessageRecord> alert = Optional.empty();
        if (outcome == JoinOutcome.NEW) {
            Instant at = clock.instant();
            long started = System.nanoTime();
            // Across nodes the database takes the seat, under the room's row lock.
            int capacity = cluster.distributed() ? room.capacity() : MessageRepository.UNLIMITED;
            alert = db.execute(c -> {
                if (resumed == null) {
                    chatters.create(c, ChatterRecord.newChatter(member.id(), room.id(), member.nickname(),
                            Tokens.hash(joined.token()), member.createdAt()));
                }
                return messages.appendJoin(c, room.id(), member.id(), member.nickname(),
                        texts.joined(member.nickname()), at, capacity);
            });
            metrics.database(io.colachat.server.metrics.ChatMetrics.DbOp.JOIN, System.nanoTime() - started);
        }
        String roomKey = room.id().toString();
        socket.join(roomKey);
        if (!socket.isConnected()) {
            socket.leave(roomKey);
        }
        alert.ifPresent(a -> out.emit(room.namespace(), room.id(), "sendAlert", Views.message(a)));
        if (outcome == JoinOutcome.NEW) {
            broadcastPresence(room.namespace(), room.id(), List.of(me), List.of(), List.of(), socket.id());
        }
    }

    // ================================================================ sendMessage

    /** Stores a message and broadcasts it to the room, sender included; answers with it. */
    public void send(Socket socket, UUID roomId, String content, Reply reply) {
        Joined j = joined(socket);
        if (j == null || !j.roomId().equals(roomId)) {
            metrics.messageRejected(ErrorCode.NOT_JOINED);
            reply.fail(ErrorCode.NOT_JOINED);
            return;
        }
        if (!limits.allowMessage(j.chatterId(), ipOf(socket), content.codePointCount(0, content.length()))) {
            metrics.messageRejected(ErrorCode.RATE_LIMITED);
            reply.fail(ErrorCode.RATE_LIMITED);
            return;
        }
        lanes.submit(roomId, new Outgoing(j, content, clock.instant(), reply, messageRunner));
    }

    /** A message waiting on its room's lane; consecutive ones are stored in one transaction. */
    record Outgoing(Joined joined, String content, Instant at, Reply reply, RoomSequencer.BatchRunner<Outgoing> runner)
            implements RoomSequencer.Batchable<Outgoing> {
        @Override
        public void rejected(Exception cause) {
            reply.fail(cause);
        }
    }

    private void storeAndBroadcast(UUID roomId, List<Outgoing> batch) {
        UUID room = roomId != null ? roomId : batch.get(0).joined().roomId();
        List<NewMessage> toStore = new ArrayList<>(batch.size());
        for (Outgoing o : batch) {
            String nickname = presence.member(o.joined().chatterId()).map(Member::nickname).orElse("?");
            toStore.add(NewMessage.message(o.content(), o.at(), o.joined().chatterId(), nickname));
        }
        String namespace = batch.get(0).joined().namespace();
        try {
            cluster.inRoomOrder(room, namespace, () -> {
                storeAndBroadcastInOrder(room, namespace, batch, toStore);
                return null;
            });
        } catch (RuntimeException e) {
            // Nothing was acknowledged: the store failed or the room's order could not be taken.
            batch.forEach(o -> o.reply().fail(e));
        }
    }

    private void storeAndBroadcastInOrder(UUID room, String namespace, List<Outgoing> batch, List<NewMessage> toStore) {
        List<MessageRecord> stored;
        long started = System.nanoTime();
        try {
            stored = appends.append(room, toStore);
        } catch (RuntimeException e) {
            ErrorCode code = ErrorCode.valueOf(Reply.envelopeOf(e, texts).code());
            batch.forEach(o -> metrics.messageRejected(code));
            batch.forEach(o -> o.reply().fail(e));
            return;
        }
        metrics.database(io.colachat.server.metrics.ChatMetrics.DbOp.APPEND_MESSAGES, System.nanoTime() - started);
        BroadcastOperator to = out.to(namespace, room);
        for (int i = 0; i < stored.size(); i++) {
            Map<String, Object> view = Views.message(stored.get(i));
            if (to != null) {
                to.emit("sendMessage", view);
            }
            batch.get(i).reply().ok(view);
            metrics.messageAcked(java.time.Duration.between(batch.get(i).at(), clock.instant()).toNanos());
        }
        metrics.messagesAccepted(stored.size());
        if (to != null) {
            metrics.delivered((long) stored.size() * out.localMembers(namespace, room));
        }
    }

    // ================================================================ leaveRoom, disconnect, departures

    /** An explicit leave: LEAVE now, no grace; the token stops working. */
    public void leave(Socket socket, Reply reply) {
        Joined j = joined(socket);
        if (j == null) {
            reply.fail(ErrorCode.NOT_JOINED);
            return;
        }
        onWorker(reply, () -> presence.leave(j.roomId(), j.chatterId(),
                outcome -> lanes.submit(j.roomId(), task(reply, () -> afterLeave(socket, j, outcome, reply)))));
    }

    private void afterLeave(Socket socket, Joined j, LeaveOutcome outcome, Reply reply) {
        String roomKey = j.roomId().toString();
        Set<String> detach = new java.util.HashSet<>(outcome.detachedSockets());
        detach.add(socket.id());
        for (String id : detach) {
            Socket s = out.socket(j.namespace(), id);
            if (s != null) {
                s.leave(roomKey);
                s.data().remove(JOINED);
            }
            cluster.socketGone(j.roomId(), j.chatterId(), id);
        }
        Member m = presence.member(j.chatterId()).orElse(null);
        String nickname = m != null ? m.nickname() : "?";
        cluster.inRoomOrder(j.roomId(), j.namespace(), () -> {
            Instant at = clock.instant();
            Optional<MessageRecord> alert = db.execute(c -> messages.appendLeave(c, j.roomId(), j.chatterId(),
                    nickname, texts.left(nickname), at, true));
            presence.forget(j.roomId(), j.chatterId());
            if (alert.isPresent()) {
                metrics.left(io.colachat.server.metrics.ChatMetrics.LeaveKind.EXPLICIT);
                out.emit(j.namespace(), j.roomId(), "sendAlert", Views.message(alert.get()));
                broadcastPresence(j.namespace(), j.roomId(), List.of(), List.of(j.chatterId().toString()), List.of(),
                        null);
            }
            return null;
        });
        reply.ok(null);
    }

    /** A socket's disconnect: starts the grace if it was its chatter's last socket in the room. */
    public void disconnected(Socket socket) {
        Object j = socket.data().get(JOINED);
        if (j instanceof Joined joined) {
            cluster.socketGone(joined.roomId(), joined.chatterId(), socket.id());
            presence.socketGone(joined.roomId(), joined.chatterId(), socket.id());
        }
    }

    /** A chatter's grace ran out (called under the presence lock): queue its LEAVE. */
    public void departed(Departure d) {
        Member m = presence.member(d.chatterId()).orElse(null);
        String nickname = m != null ? m.nickname() : "?";
        lanes.submit(d.roomId(), () -> {
            try {
                leaveAfterGrace(d, nickname);
            } catch (RuntimeException e) {
                // The LEAVE could not be decided (Redis or the database is down): rather than
                // lose it, the chatter gets the grace again and the decision is retried then.
                log.warn("LEAVE of chatter {} deferred: {}", d.chatterId(), e.toString());
                if (m != null) {
                    presence.restore(m);
                }
            }
        });
    }

    private void leaveAfterGrace(Departure d, String nickname) {
        String namespace = namespaceOf(d.roomId());
        cluster.inRoomOrder(d.roomId(), namespace == null ? "" : namespace, () -> {
            Instant at = clock.instant();
            Optional<MessageRecord> alert = db.execute(c -> {
                if (cluster.distributed()) {
                    // A socket of this chatter that joined on another node registered before
                    // its JOIN was decided, and that decision waits for this row lock: so
                    // either we see the socket here, or its JOIN comes after our LEAVE.
                    chatters.lockForUpdate(c, d.chatterId());
                    if (cluster.hasLiveSockets(d.roomId(), d.chatterId())) {
                        return Optional.<MessageRecord>empty();
                    }
                }
                return messages.appendLeave(c, d.roomId(), d.chatterId(), nickname, texts.left(nickname), at, false);
            });
            presence.forget(d.roomId(), d.chatterId());
            alert.ifPresent(a -> metrics.left(io.colachat.server.metrics.ChatMetrics.LeaveKind.GRACE));
            if (alert.isPresent() && namespace != null) {
                out.emit(namespace, d.roomId(), "sendAlert", Views.message(alert.get()));
                broadcastPresence(namespace, d.roomId(), List.of(), List.of(d.chatterId().toString()), List.of(),
                        null);
            }
            return null;
        });
    }

    // ================================================================ returnChatters, typing, rename

    /** The present chatters, as an ack and as a {@code returnChatters} event to the asker. */
    public void returnChatters(Socket socket, UUID roomId, Reply reply) {
        Joined j = joined(socket);
        if (j == null || !j.roomId().equals(roomId)) {
            reply.fail(ErrorCode.NOT_JOINED);
            return;
        }
        List<Views.Chatter> list = presentViews(roomId);
        reply.ok(list);
        socket.emit("returnChatters", list);
    }

    /** Relays a volatile typing notice to the room's other sockets. */
    public void typing(Socket socket, UUID roomId, Reply reply) {
        Joined j = joined(socket);
        if (j == null || !j.roomId().equals(roomId)) {
            reply.fail(ErrorCode.NOT_JOINED);
            return;
        }
        String nickname = presence.member(j.chatterId()).map(Member::nickname).orElse("?");
        BroadcastOperator to = out.to(j.namespace(), roomId);
        if (to != null) {
            Map<String, Object> notice = new LinkedHashMap<>();
            notice.put("chatterId", j.chatterId().toString());
            notice.put("nickname", nickname);
            to.except(socket.id()).asVolatile().emit("typing", notice);
        }
        reply.ok(null);
    }

    /**
     * Renames a chatter (REST); on its room's lane: store the name and the RENAME alert, then
     * broadcast the alert and the presence change.
     */
    public java.util.concurrent.CompletableFuture<Views.Chatter> rename(ChatterRecord chatter, String nickname) {
        java.util.concurrent.CompletableFuture<Views.Chatter> result = new java.util.concurrent.CompletableFuture<>();
        lanes.submit(chatter.roomId(), new RoomSequencer.Task() {
            @Override
            public void run() {
                try {
                    String namespace = namespaceOf(chatter.roomId());
                    result.complete(cluster.inRoomOrder(chatter.roomId(), namespace == null ? "" : namespace,
                            () -> doRename(chatter, nickname)));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }

            @Override
            public void rejected(Exception cause) {
                result.completeExceptionally(cause);
            }
        });
        return result;
    }

    private Views.Chatter doRename(ChatterRecord stale, String nickname) {
        ChatterRecord chatter = db.execute(c -> chatters.findById(c, stale.id()))
                .orElseThrow(() -> new ApiException(ErrorCode.CHATTER_NOT_FOUND, ""));
        String previous = presence.member(chatter.id()).map(Member::nickname).orElse(chatter.nickname());
        boolean present = presence.isPresent(chatter.roomId(), chatter.id());
        if (previous.equals(nickname)) {
            return Views.chatter(chatter.id(), nickname, chatter.roomId(), chatter.createdAt(), present);
        }
        Set<String> taken = presence.nicknames(chatter.roomId());
        if (taken.contains(nickname)) {
            throw ApiException.invalid("nickname", texts.nicknameTaken());
        }
        Instant at = clock.instant();
        MessageRecord alert = db.execute(c -> messages.rename(c, chatter.roomId(), chatter.id(), previous, nickname,
                texts.renamed(previous, nickname), at));
        presence.renamed(chatter.id(), nickname);
        Views.Chatter view = Views.chatter(chatter.id(), nickname, chatter.roomId(), chatter.createdAt(), present);
        String namespace = namespaceOf(chatter.roomId());
        if (namespace != null) {
            out.emit(namespace, chatter.roomId(), "sendAlert", Views.message(alert));
            if (present) {
                broadcastPresence(namespace, chatter.roomId(), List.of(), List.of(), List.of(view), null);
            }
        }
        return view;
    }

    // ================================================================ operator actions

    /** Reports into {@code metrics} from now on (the composition root calls this once). */
    public void instrument(io.colachat.server.metrics.ChatMetrics metrics) {
        this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Removes a chatter from its room for good (an operator's action). In this order: the
     * chatter id and its sockets' addresses are banned from the room (so no join can slip in),
     * then on the room's lane each of its sockets gets {@code kicked} {@code {roomId, chatterId}}
     * and leaves the room (the sockets stay connected), one LEAVE alert is stored with the token
     * revoked (even when the chatter was not present), and the presence change is broadcast.
     *
     * @param room the chatter's room, open
     * @return completes with true when the chatter was present (a LEAVE was announced)
     */
    public java.util.concurrent.CompletableFuture<Boolean> kick(RoomRecord room, UUID chatterId) {
        java.util.concurrent.CompletableFuture<Boolean> result = new java.util.concurrent.CompletableFuture<>();
        String namespace = room.namespace();
        bans.ban(room.id(), chatterId, addressesOf(namespace, presence.sockets(room.id(), chatterId)));
        presence.leave(room.id(), chatterId, outcome -> lanes.submit(room.id(), new RoomSequencer.Task() {
            @Override
            public void run() {
                try {
                    result.complete(afterKick(room, chatterId, outcome));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }

            @Override
            public void rejected(Exception cause) {
                result.completeExceptionally(cause);
            }
        }));
        return result;
    }

    private boolean afterKick(RoomRecord room, UUID chatterId, LeaveOutcome outcome) {
        String roomKey = room.id().toString();
        // Sockets that joined between the ban and the leave: their addresses too.
        bans.ban(room.id(), chatterId, addressesOf(room.namespace(), outcome.detachedSockets()));
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("roomId", roomKey);
        notice.put("chatterId", chatterId.toString());
        for (String id : outcome.detachedSockets()) {
            Socket s = out.socket(room.namespace(), id);
            if (s != null) {
                s.emit("kicked", notice);
                s.leave(roomKey);
                s.data().remove(JOINED);
            }
        }
        Member m = presence.member(chatterId).orElse(null);
        String nickname = m != null ? m.nickname()
                : db.execute(c -> chatters.findById(c, chatterId)).map(ChatterRecord::nickname).orElse("?");
        Instant at = clock.instant();
        Optional<MessageRecord> alert = db.execute(c -> messages.appendLeave(c, room.id(), chatterId, nickname,
                texts.left(nickname), at, true));
        presence.forget(room.id(), chatterId);
        if (alert.isPresent()) {
            metrics.left(io.colachat.server.metrics.ChatMetrics.LeaveKind.KICKED);
            out.emit(room.namespace(), room.id(), "sendAlert", Views.message(alert.get()));
            broadcastPresence(room.namespace(), room.id(), List.of(), List.of(chatterId.toString()), List.of(), null);
        }
        log.info("chatter {} removed from room {} by an operator", chatterId, room.id());
        return alert.isPresent();
    }

    private List<String> addressesOf(String namespace, Set<String> socketIds) {
        List<String> addresses = new ArrayList<>();
        for (String id : socketIds) {
            Socket s = out.socket(namespace, id);
            if (s != null) {
                addresses.add(ipOf(s));
            }
        }
        return addresses;
    }

    // ================================================================ expiry and recovery

    /** The room expired: tell its members, disconnect them, forget its presence. */
    public void expire(RoomRecord room) {
        lanes.submit(room.id(), () -> {
            BroadcastOperator to = out.to(room.namespace(), room.id());
            if (to != null) {
                to.emit("roomExpired", Map.of("roomId", room.id().toString()));
                to.disconnectSockets(false);
            }
            presence.removeRoom(room.id());
            roomNamespaces.remove(room.id());
            bans.forget(room.id());
            log.info("room {} expired", room.id());
        });
    }

    /**
     * A chatter whose node died with its last socket: it gets the grace here, then one LEAVE
     * unless it rejoins somewhere in time.
     */
    private void adoptOrphan(UUID roomId, UUID chatterId) {
        try {
            Optional<ChatterRecord> chatter = db.execute(c -> chatters.findById(c, chatterId));
            Optional<RoomRecord> room = db.execute(c -> rooms.findById(c, roomId));
            if (chatter.isEmpty() || !chatter.get().present() || room.isEmpty()
                    || room.get().isExpiredAt(clock.instant())) {
                return;
            }
            roomNamespaces.put(roomId, room.get().namespace());
            ChatterRecord c = chatter.get();
            presence.restore(new Member(c.id(), c.roomId(), c.nickname(), c.createdAt()));
            log.info("chatter {} of room {} lost its node: its grace starts here", chatterId, roomId);
        } catch (RuntimeException e) {
            log.error("could not adopt chatter {} of room {}", chatterId, roomId, e);
        }
    }

    /**
     * Restart recovery: chatters the database says are present get the grace; unless they
     * rejoin in time, each gets exactly one LEAVE.
     */
    public int recover() {
        if (cluster.distributed()) {
            // The database does not know which node held a chatter: a dead node's chatters are
            // handed over by one survivor (Cluster.onOrphans), not recovered here.
            return 0;
        }
        Instant now = clock.instant();
        List<ChatterRecord> present = db.execute(chatters::findPresent);
        int restored = 0;
        for (ChatterRecord c : present) {
            Optional<RoomRecord> room = db.execute(conn -> rooms.findById(conn, c.roomId()));
            if (room.isEmpty() || room.get().isExpiredAt(now)) {
                continue;
            }
            roomNamespaces.put(c.roomId(), room.get().namespace());
            presence.restore(new Member(c.id(), c.roomId(), c.nickname(), c.createdAt()));
            restored++;
        }
        return restored;
    }

    // ================================================================ helpers

    /** The present chatters of a room as public views. */
    public List<Views.Chatter> presentViews(UUID roomId) {
        List<Views.Chatter> list = new ArrayList<>();
        for (Member m : presence.present(roomId)) {
            list.add(view(m));
        }
        return list;
    }

    private void broadcastPresence(String namespace, UUID roomId, List<Views.Chatter> joined, List<String> left,
            List<Views.Chatter> renamed, String exceptSocket) {
        BroadcastOperator to = out.to(namespace, roomId);
        if (to == null) {
            return;
        }
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("joined", joined);
        diff.put("left", left);
        diff.put("renamed", renamed);
        to.emit("presenceDiff", diff);
        if (presence.presentCount(roomId) <= fullListLimit) {
            // The joiner gets its own full list right after its ack.
            (exceptSocket == null ? to : to.except(exceptSocket)).emit("returnChatters", presentViews(roomId));
        }
    }

    private String namespaceOf(UUID roomId) {
        String ns = roomNamespaces.get(roomId);
        if (ns == null) {
            ns = db.execute(c -> rooms.findById(c, roomId)).map(RoomRecord::namespace).orElse(null);
            if (ns != null) {
                roomNamespaces.put(roomId, ns);
            }
        }
        return ns;
    }

    private static Views.Chatter view(Member m) {
        return Views.chatter(m.id(), m.nickname(), m.roomId(), m.createdAt(), true);
    }

    private static String eventOf(MessageRecord m) {
        return m.type() == MessageType.ALERT ? "sendAlert" : "sendMessage";
    }

    static Joined joined(Socket socket) {
        Object j = socket.data().get(JOINED);
        return j instanceof Joined joined ? joined : null;
    }

    private void onWorker(Reply reply, Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    reply.fail(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            reply.fail(ErrorCode.UNAVAILABLE);
        }
    }

    private static RoomSequencer.Task task(Reply reply, Runnable work) {
        return new RoomSequencer.Task() {
            @Override
            public void run() {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    reply.fail(e);
                }
            }

            @Override
            public void rejected(Exception cause) {
                reply.fail(cause);
            }
        };
    }
}
