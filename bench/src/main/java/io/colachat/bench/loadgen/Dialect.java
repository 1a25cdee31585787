package io.colachat.bench.loadgen;

/** What the far end speaks. */
public enum Dialect {
    /** Engine.IO v4 / Socket.IO v5 over websocket at {@code /socket.io/}: our server and the Node.js baseline. */
    SOCKET_IO,
    /**
     * Bare websocket frames, no handshake beyond the HTTP upgrade: the limit server. The client sends the
     * same Socket.IO-shaped frames, and reads the echoes with the same parser.
     */
    RAW
}
