package io.colachat.engine.adapter.cluster;

import io.colachat.engine.adapter.AdapterFactory;
import io.colachat.engine.adapter.AdapterNamespace;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A message bus inside one JVM, for testing the cluster logic without Redis: every published
 * message reaches every adapter on the bus (the publisher included, as with Redis pub/sub) on
 * one delivery thread, so order per publisher holds. Faults can be injected: the whole bus can
 * refuse publishes, and a node can be made deaf (it receives nothing).
 */
public final class InProcessBus implements AutoCloseable {

    private final List<BusAdapter> adapters = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> daemon(r, "bus-delivery"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bus-timers"));
    private final Set<String> deaf = ConcurrentHashMap.newKeySet();
    private final Set<String> mute = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;

    /** A factory making this node's adapters on this bus. */
    public AdapterFactory factory(ClusterAdapterOptions options) {
        return nsp -> new BusAdapter(nsp, options);
    }

    /** While true, every publish fails as a disconnected bus would. */
    public void refusePublishes(boolean refuse) {
        this.refusing = refuse;
    }

    /** While deaf, a node receives nothing. */
    public void setDeaf(String nodeId, boolean isDeaf) {
        if (isDeaf) {
            deaf.add(nodeId);
        } else {
            deaf.remove(nodeId);
        }
    }

    /** While mute, whatever a node publishes is lost (it looks dead to the others). */
    public void setMute(String nodeId, boolean isMute) {
        if (isMute) {
            mute.add(nodeId);
        } else {
            mute.remove(nodeId);
        }
    }

    private CompletionStage<?> publish(String from, byte[] message) {
        if (mute.contains(from)) {
            return CompletableFuture.completedFuture(null);
        }
        if (refusing) {
            return CompletableFuture.failedFuture(new IllegalStateException("the in-process bus refuses publishes"));
        }
        return CompletableFuture.runAsync(() -> {
            for (BusAdapter a : adapters) {
                if (!deaf.contains(a.nodeId())) {
                    a.receive(message);
                }
            }
        }, delivery);
    }

    @Override
    public void close() {
        adapters.forEach(BusAdapter::close);
        delivery.shutdownNow();
        timers.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The whole transport: publish on the bus, receive from it. */
    final class BusAdapter extends ClusterAdapter {

        BusAdapter(AdapterNamespace namespace, ClusterAdapterOptions options) {
            super(namespace, options, timers);
            adapters.add(this);
            start();
        }

        @Override
        protected CompletionStage<?> doPublish(byte[] message) {
            return publish(nodeId(), message);
        }

        void receive(byte[] message) {
            onMessage(message);
        }

        @Override
        public void close() {
            super.close();
            adapters.remove(this);
        }
    }
}
