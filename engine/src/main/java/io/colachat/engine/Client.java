package io.colachat.engine;

import io.colachat.engine.eio.EioCloseReason;
import io.colachat.engine.eio.EioSocket;
import io.colachat.engine.eio.EioSocketListener;
import io.colachat.engine.parser.Packet;
import io.colachat.engine.parser.PacketDecoder;
import io.colachat.engine.parser.ParseException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO connection seen from Socket.IO: owns the packet decoder and the connect timeout,
 * and routes packets to the sockets of the namespaces this connection joined.
 *
 * <p>A connection joins at most {@link SocketIoConfig#maxNamespacesPerConnection()} namespaces,
 * counting those whose middleware is still running; a CONNECT for a namespace it is already in or
 * joining is ignored, so two CONNECTs racing through asynchronous middleware cannot leave a second
 * socket behind that nothing would ever remove.
 *
 * <p>Confined to the connection's event loop; only {@link #runOnLoop} and {@link #close} may be
 * called from elsewhere.
 */
final class Client implements EioSocketListener {

    private static final Logger log = LoggerFactory.getLogger(Client.class);

    private final SocketIoServer server;
    private final EioSocket eio;
    private final PacketDecoder decoder;
    /** Connected sockets by namespace name; event loop only. */
    private final Map<String, Socket> sockets = new LinkedHashMap<>(2);
    /** Namespaces whose CONNECT is going through middleware; event loop only. */
    private final Set<String> joining = new HashSet<>();
    private ScheduledFuture<?> connectTimer;

    Client(SocketIoServer server, EioSocket eio) {
        this.server = server;
        this.eio = eio;
        this.decoder = new PacketDecoder(server.config().mapper(), server.config().maxAttachments(),
                server.config().maxAttachmentBytes());
        long timeout = server.config().connectTimeout().toMillis();
        // A connection that never joins a namespace would otherwise hold a session forever.
        this.connectTimer = eio.eventLoop().schedule(() -> {
            if (sockets.isEmpty()) {
                log.debug("connection {} joined no namespace within {} ms: closing", eio.id(), timeout);
                eio.close(EioCloseReason.FORCED_CLOSE);
            }
        }, timeout, TimeUnit.MILLISECONDS);
    }

    EioSocket eio() {
        return eio;
    }

    boolean isOpen() {
        return eio.isOpen();
    }

    void runOnLoop(Runnable task) {
        if (eio.eventLoop().inEventLoop()) {
            task.run();
        } else {
            eio.eventLoop().execute(task);
        }
    }

    /** Closes the whole connection, every namespace with it. */
    void close() {
        eio.close(EioCloseReason.FORCED_CLOSE);
    }

    // ---------------------------------------------------------------- EioSocketListener

    @Override
    public void onMessage(EioSocket socket, String text) {
        decoded(() -> decoder.decodeText(text));
    }

    @Override
    public void onBinary(EioSocket socket, byte[] data) {
        decoded(() -> decoder.decodeBinary(data));
    }

    /** Routes what the decoder completed; a binary packet still waiting for attachments yields null. */
    private void decoded(java.util.function.Supplier<Packet> decode) {
        Packet packet;
        try {
            packet = decode.get();
        } catch (ParseException e) {
            parseError(e);
            return;
        }
        if (packet != null) {
            route(packet);
        }
    }

    @Override
    public void onClose(EioSocket socket, EioCloseReason reason) {
        if (connectTimer != null) {
            connectTimer.cancel(false);
            connectTimer = null;
        }
        decoder.reset();
        DisconnectReason why = DisconnectReason.of(reason);
        for (Socket s : new ArrayList<>(sockets.values())) {
            s.onClose(why);
        }
        sockets.clear();
        joining.clear();
    }

    // ---------------------------------------------------------------- routing

    private void parseError(ParseException e) {
        // An invalid packet closes the connection, as the protocol says; the message names
        // what was wrong but never echoes the (possibly huge) input.
        log.debug("connection {} sent an invalid packet: {}", eio.id(), e.getMessage());
        eio.close(EioCloseReason.PARSE_ERROR);
    }

    private void route(Packet packet) {
        switch (packet.type()) {
            case CONNECT -> connect(packet);
            case CONNECT_ERROR -> {
                log.debug("connection {} sent CONNECT_ERROR, which only servers send", eio.id());
                eio.close(EioCloseReason.PARSE_ERROR);
            }
            default -> {
                Socket socket = sockets.get(packet.namespace());
                if (socket == null) {
                    log.debug("connection {}: packet for unjoined namespace {}", eio.id(), packet.namespace());
                    return;
                }
                socket.onPacket(packet);
            }
        }
    }

    private void connect(Packet packet) {
        String name = packet.namespace();
        if (sockets.containsKey(name) || joining.contains(name)) {
            log.debug("connection {} is already in or joining {}", eio.id(), name);
            return;
        }
        int max = server.config().maxNamespacesPerConnection();
        if (sockets.size() + joining.size() >= max) {
            log.debug("connection {} refused {}: already in {} namespaces", eio.id(), name, max);
            refuse(name, "Too many namespaces", null);
            return;
        }
        Namespace nsp = server.namespaceFor(name);
        if (nsp == null) {
            refuse(name, "Invalid namespace", null);
            return;
        }
        joining.add(name);
        nsp.connect(this, packet.data());
    }

    /** Answers CONNECT_ERROR for {@code namespace}; ends its join, if one was going on. On the loop. */
    void refuse(String namespace, String message, Object data) {
        joining.remove(namespace);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        if (data != null) {
            body.put("data", data);
        }
        eio.send(List.of(server.encoder().encodeConnectError(namespace, body)), false);
    }

    void admitted(Socket socket) {
        joining.remove(socket.namespace().name());
        sockets.put(socket.namespace().name(), socket);
        if (connectTimer != null) {
            connectTimer.cancel(false);
            connectTimer = null;
        }
    }

    void remove(Socket socket) {
        sockets.remove(socket.namespace().name(), socket);
    }
}
