package io.colachat.engine.adapter.cluster;

import io.colachat.engine.adapter.AdapterNamespace;
import io.colachat.engine.adapter.AdapterSocket;
import io.colachat.engine.eio.EioMessage;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A namespace of fake sockets that record what they are sent: for checking, byte for byte, what
 * an adapter delivers. The sockets share one event loop.
 */
public final class FakeNamespace implements AdapterNamespace {

    private static final EventLoop LOOP = new DefaultEventLoop();

    private final String name;
    private final Map<String, FakeSocket> sockets = new ConcurrentHashMap<>();

    public FakeNamespace(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FakeSocket socket(String id) {
        return sockets.get(id);
    }

    /** Connects a fake socket and registers it with {@code adapter} in its own room, as the engine does. */
    public FakeSocket connect(String id, io.colachat.engine.adapter.Adapter adapter) {
        FakeSocket s = new FakeSocket(id);
        sockets.put(id, s);
        adapter.addAll(id, Set.of(id));
        return s;
    }

    /** A socket that records deliveries and disconnects. */
    public final class FakeSocket implements AdapterSocket {
        private final String id;
        /** Every delivery, in order. */
        public final BlockingQueue<List<EioMessage>> received = new LinkedBlockingQueue<>();
        /** Every disconnect, in order: its close flag. */
        public final BlockingQueue<Boolean> disconnects = new LinkedBlockingQueue<>();

        FakeSocket(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public EventLoop eventLoop() {
            return LOOP;
        }

        @Override
        public boolean deliver(List<EioMessage> messages, boolean isVolatile) {
            return received.add(messages);
        }

        @Override
        public void disconnect(boolean close) {
            disconnects.add(close);
        }
    }
}
