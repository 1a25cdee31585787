package io.colachat.engine.adapter.cluster;

import io.colachat.engine.adapter.BroadcastOptions;
import io.colachat.engine.eio.EioMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The compact binary form of a {@link ClusterMessage}. Packets travel as the exact bytes the
 * origin encoded (plus their binary flag), so a remote node writes to its sockets what a local
 * one would, without decoding or re-encoding any JSON.
 *
 * <pre>
 * message   = version:u8(1) type:u8 nodeId:str namespace:str body
 * str       = len:varint utf8[len]          bytes = len:varint raw[len]
 * strs      = count:varint str*             opts  = rooms:strs except:strs flags:u8 (bit 0: volatile)
 *
 * BROADCAST                  opts count:varint (binary:u8 frame:bytes)*
 * SOCKETS_JOIN, SOCKETS_LEAVE  opts rooms:strs
 * DISCONNECT_SOCKETS         opts close:u8
 * FETCH_SOCKETS, COUNT_SOCKETS  requestId:varint opts
 * FETCH_SOCKETS_RESPONSE     requester:str requestId:varint count:varint (id:str rooms:strs)*
 * COUNT_SOCKETS_RESPONSE     requester:str requestId:varint count:varint
 * heartbeats, ADAPTER_CLOSE  (nothing)
 * </pre>
 *
 * <p>A text frame is Engine.IO's {@code 4} followed by UTF-8; a binary frame is raw bytes.
 */
final class ClusterMessageCodec {

    static final int VERSION = 1;
    private static final int FLAG_VOLATILE = 1;

    private ClusterMessageCodec() {
    }

    static byte[] encode(ClusterMessage m) {
        Wire.Writer w = new Wire.Writer(initialSize(m));
        w.writeByte(VERSION).writeByte(m.type().code()).writeString(m.nodeId()).writeString(m.namespace());
        switch (m.type()) {
            case INITIAL_HEARTBEAT, HEARTBEAT, ADAPTER_CLOSE -> { }
            case BROADCAST -> {
                ClusterMessage.Broadcast b = (ClusterMessage.Broadcast) m;
                writeOptions(w, b.opts());
                w.writeVarLong(b.packet().size());
                for (EioMessage e : b.packet()) {
                    w.writeByte(e.isBinary() ? 1 : 0).writeBytes(e.frameBytes());
                }
            }
            case SOCKETS_JOIN, SOCKETS_LEAVE -> {
                ClusterMessage.RoomChange r = (ClusterMessage.RoomChange) m;
                writeOptions(w, r.opts());
                w.writeStrings(r.rooms());
            }
            case DISCONNECT_SOCKETS -> {
                ClusterMessage.Disconnect d = (ClusterMessage.Disconnect) m;
                writeOptions(w, d.opts());
                w.writeByte(d.close() ? 1 : 0);
            }
            case FETCH_SOCKETS, COUNT_SOCKETS -> {
                ClusterMessage.Request r = (ClusterMessage.Request) m;
                w.writeVarLong(r.requestId());
                writeOptions(w, r.opts());
            }
            case FETCH_SOCKETS_RESPONSE -> {
                ClusterMessage.SocketsResponse r = (ClusterMessage.SocketsResponse) m;
                w.writeString(r.requesterId()).writeVarLong(r.requestId()).writeVarLong(r.sockets().size());
                for (ClusterSocket s : r.sockets()) {
                    w.writeString(s.id()).writeStrings(s.rooms());
                }
            }
            case COUNT_SOCKETS_RESPONSE -> {
                ClusterMessage.CountResponse r = (ClusterMessage.CountResponse) m;
                w.writeString(r.requesterId()).writeVarLong(r.requestId()).writeVarLong(r.count());
            }
            default -> throw new IllegalStateException("no encoding for " + m.type());
        }
        return w.toByteArray();
    }

    /**
     * Reads one message.
     *
     * @throws MalformedClusterMessageException when the bytes are not a complete, valid message
     *         of a version and type this node knows
     */
    static ClusterMessage decode(byte[] bytes) {
        Wire.Reader r = new Wire.Reader(bytes);
        int version = r.readByte();
        if (version != VERSION) {
            throw r.violation("unsupported version " + version);
        }
        int code = r.readByte();
        MessageType type = MessageType.fromCode(code);
        if (type == null) {
            throw r.violation("unknown message type " + code);
        }
        String nodeId = r.readString();
        String namespace = r.readString();
        ClusterMessage m = switch (type) {
            case INITIAL_HEARTBEAT, HEARTBEAT, ADAPTER_CLOSE -> new ClusterMessage.Signal(type, nodeId, namespace);
            case BROADCAST -> new ClusterMessage.Broadcast(nodeId, namespace, readOptions(r), readPacket(r));
            case SOCKETS_JOIN, SOCKETS_LEAVE ->
                    new ClusterMessage.RoomChange(type, nodeId, namespace, readOptions(r), r.readStrings());
            case DISCONNECT_SOCKETS -> new ClusterMessage.Disconnect(nodeId, namespace, readOptions(r), readFlag(r));
            case FETCH_SOCKETS, COUNT_SOCKETS -> {
                long requestId = r.readVarLong();
                yield new ClusterMessage.Request(type, nodeId, namespace, requestId, readOptions(r));
            }
            case FETCH_SOCKETS_RESPONSE -> {
                String requester = r.readString();
                long requestId = r.readVarLong();
                int n = r.readCount();
                List<ClusterSocket> sockets = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    sockets.add(new ClusterSocket(r.readString(), nodeId, r.readStrings()));
                }
                yield new ClusterMessage.SocketsResponse(nodeId, namespace, requester, requestId, sockets);
            }
            case COUNT_SOCKETS_RESPONSE -> {
                String requester = r.readString();
                long requestId = r.readVarLong();
                yield new ClusterMessage.CountResponse(nodeId, namespace, requester, requestId, r.readVarLong());
            }
        };
        r.requireEnd();
        return m;
    }

    private static void writeOptions(Wire.Writer w, BroadcastOptions opts) {
        w.writeStrings(opts.rooms()).writeStrings(opts.except()).writeByte(opts.isVolatile() ? FLAG_VOLATILE : 0);
    }

    private static BroadcastOptions readOptions(Wire.Reader r) {
        Set<String> rooms = r.readStrings();
        Set<String> except = r.readStrings();
        int flags = r.readByte();
        if ((flags & ~FLAG_VOLATILE) != 0) {
            throw r.violation("unknown broadcast flags " + flags);
        }
        // A published broadcast is never local: local ones are not published at all.
        return new BroadcastOptions(rooms, except, (flags & FLAG_VOLATILE) != 0, false);
    }

    private static List<EioMessage> readPacket(Wire.Reader r) {
        int n = r.readCount();
        if (n == 0) {
            throw r.violation("a broadcast without messages");
        }
        List<EioMessage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean binary = readFlag(r);
            byte[] frame = r.readBytes();
            if (binary) {
                out.add(EioMessage.binary(frame));
            } else if (frame.length > 0 && frame[0] == '4') {
                out.add(EioMessage.textFramed(frame));
            } else {
                throw r.violation("a text frame must start with '4'");
            }
        }
        return out;
    }

    private static boolean readFlag(Wire.Reader r) {
        int b = r.readByte();
        if (b > 1) {
            throw r.violation("a flag byte must be 0 or 1, got " + b);
        }
        return b == 1;
    }

    private static int initialSize(ClusterMessage m) {
        int size = 64;
        if (m instanceof ClusterMessage.Broadcast b) {
            for (EioMessage e : b.packet()) {
                size += e.size() + 6;
            }
        }
        return size;
    }
}
