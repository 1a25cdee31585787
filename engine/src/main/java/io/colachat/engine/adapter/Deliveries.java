package io.colachat.engine.adapter;

import io.colachat.engine.eio.EioMessage;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one encoded packet to many local sockets with one task per event loop rather than one
 * per recipient: a broadcast to 500 sockets on 2 loops costs 2 task hand-offs, and each loop
 * writes the same shared bytes to its sockets and flushes once.
 */
public final class Deliveries {

    /**
     * From this many recipients on, a message's frame is copied once into direct memory for all,
     * unless the broadcast comes from an event loop: reserving direct memory may wait for the
     * garbage collector when the JVM's direct memory runs short, and a loop must never wait.
     */
    static final int SHARE_FROM = 8;

    private Deliveries() {
    }

    /**
     * Delivers to every socket; sockets on the calling thread's loop are written at once, the
     * rest in one task per loop. Order per socket follows call order.
     */
    public static void deliver(Collection<? extends AdapterSocket> sockets, List<EioMessage> messages,
            boolean isVolatile) {
        if (sockets.isEmpty()) {
            return;
        }
        if (sockets.size() >= SHARE_FROM && !(Thread.currentThread() instanceof FastThreadLocalThread)) {
            for (EioMessage m : messages) {
                m.shareForBroadcast();
            }
        }
        Map<EventLoop, List<AdapterSocket>> byLoop = new IdentityHashMap<>(4);
        for (AdapterSocket s : sockets) {
            byLoop.computeIfAbsent(s.eventLoop(), k -> new ArrayList<>(sockets.size())).add(s);
        }
        for (Map.Entry<EventLoop, List<AdapterSocket>> e : byLoop.entrySet()) {
            EventLoop loop = e.getKey();
            List<AdapterSocket> group = e.getValue();
            if (loop.inEventLoop()) {
                deliverAll(group, messages, isVolatile);
            } else {
                loop.execute(() -> deliverAll(group, messages, isVolatile));
            }
        }
    }

    private static void deliverAll(List<AdapterSocket> group, List<EioMessage> messages, boolean isVolatile) {
        for (AdapterSocket s : group) {
            s.deliver(messages, isVolatile);
        }
    }
}
