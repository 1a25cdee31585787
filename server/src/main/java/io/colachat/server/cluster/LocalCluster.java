package io.colachat.server.cluster;

import java.util.UUID;
import java.util.function.Supplier;

/** One process: the room lane already orders everything, and the tracker knows every socket. */
final class LocalCluster implements Cluster {

    static final LocalCluster INSTANCE = new LocalCluster();

    private LocalCluster() {
    }

    @Override
    public boolean distributed() {
        return false;
    }

    @Override
    public void socketJoined(UUID roomId, UUID chatterId, String socketId) {
    }

    @Override
    public void socketGone(UUID roomId, UUID chatterId, String socketId) {
    }

    @Override
    public boolean hasLiveSockets(UUID roomId, UUID chatterId) {
        return false;
    }

    @Override
    public <T> T inRoomOrder(UUID roomId, String namespace, Supplier<T> work) {
        return work.get();
    }

    @Override
    public boolean ready() {
        return true;
    }
}
