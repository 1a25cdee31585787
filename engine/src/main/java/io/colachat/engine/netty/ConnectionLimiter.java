package io.colachat.engine.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits or refuses each new connection before a byte of it is parsed: at most
 * {@link LimitsConfig#maxConnections()} open in total (503 over it), at most
 * {@link LimitsConfig#maxConnectionsPerIp()} open per address (429), and new connections per
 * address through a token bucket of {@link LimitsConfig#newConnectionsPerIpBurst()} tokens refilled
 * at {@link LimitsConfig#newConnectionsPerIpPerSecond()} (429). One instance is shared by every
 * connection of a server; an admitted connection removes it from its pipeline.
 *
 * <p>A refused connection gets a complete HTTP response at once, without its request being read,
 * then a lingering close: the server half-closes and discards what the client still sends until the
 * client closes or {@link #LINGER_MILLIS} pass. Closing at once would reset a connection whose
 * request is still unread, and a reset can destroy the response before the client reads it. At
 * most {@link #MAX_LINGERING} refused connections linger; past that a refusal is a bare close, so a
 * flood of refused connections cannot hold file descriptors.
 *
 * <p>Addresses are counted per IPv4 address and per IPv6 /64 (one subscriber's usual block, which
 * an attacker can otherwise walk through). Loopback addresses are exempt from the per-address
 * limits unless {@link LimitsConfig#perIpLimitsOnLoopback()}. The per-address state lives while the address has open
 * connections or an unfilled bucket; {@link #sweep()} drops the rest.
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);

    /** How long a refused connection may linger for its response to be read. */
    static final long LINGER_MILLIS = 2_000;

    /** Refused connections allowed to linger at once. */
    static final int MAX_LINGERING = 1_024;

    private static final byte[] TOO_MANY = response("429 Too Many Requests", "Retry-After: 1\r\n");
    private static final byte[] UNAVAILABLE = response("503 Service Unavailable", "Retry-After: 1\r\n");

    /** Why a connection was refused. */
    enum Refusal { TOTAL, PER_IP, RATE }

    private final LimitsConfig limits;
    private final LongSupplier nanoClock;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger lingering = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private final ConcurrentHashMap<AddressKey, Peer> peers = new ConcurrentHashMap<>();

    ConnectionLimiter(LimitsConfig limits) {
        this(limits, System::nanoTime);
    }

    ConnectionLimiter(LimitsConfig limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    /** Connections admitted and not yet closed. */
    int openConnections() {
        return open.get();
    }

    /** Connections refused since the start, for every reason. */
    long refusedConnections() {
        return refused.sum();
    }

    /** Addresses with state held now; for tests. */
    int trackedAddresses() {
        return peers.size();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        // null: exempt from the per-address limits.
        AddressKey key = AddressKey.of(ch.remoteAddress(), limits.perIpLimitsOnLoopback());
        Refusal refusal = admit(key);
        if (refusal == null) {
            ch.closeFuture().addListener(f -> release(key));
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
            return;
        }
        refused.increment();
        log.debug("{} refused: {} (open {}, limits {}/{} per IP)", ch, refusal, open.get(),
                limits.maxConnections(), limits.maxConnectionsPerIp());
        refuse(ctx, refusal == Refusal.TOTAL ? UNAVAILABLE : TOO_MANY);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Only a refused connection is still here: what it sends is discarded unread.
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Decides on a connection from {@code key}; when admitted it counts until {@link #release}. */
    Refusal admit(AddressKey key) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            return Refusal.TOTAL;
        }
        if (key == null) {
            return null;
        }
        long now = nanoClock.getAsLong();
        Refusal[] verdict = new Refusal[1];
        peers.compute(key, (k, peer) -> {
            Peer p = peer == null ? new Peer(limits.newConnectionsPerIpBurst(), now) : peer;
            p.refill(now, limits);
            if (p.open >= limits.maxConnectionsPerIp()) {
                verdict[0] = Refusal.PER_IP;
            } else if (p.tokens < 1) {
                verdict[0] = Refusal.RATE;
            } else {
                p.tokens -= 1;
                p.open++;
            }
            return p;
        });
        if (verdict[0] != null) {
            open.decrementAndGet();
        }
        return verdict[0];
    }

    void release(AddressKey key) {
        open.decrementAndGet();
        if (key == null) {
            return;
        }
        peers.computeIfPresent(key, (k, p) -> {
            p.open--;
            return p.open == 0 && p.isFull(nanoClock.getAsLong(), limits) ? null : p;
        });
    }

    /** Forgets addresses with no open connection and a full bucket; run every few seconds. */
    void sweep() {
        long now = nanoClock.getAsLong();
        for (AddressKey key : peers.keySet()) {
            // Decided inside compute, like every other change to a peer.
            peers.computeIfPresent(key, (k, p) -> p.open == 0 && p.isFull(now, limits) ? null : p);
        }
    }

    private void refuse(ChannelHandlerContext ctx, byte[] response) {
        Channel ch = ctx.channel();
        if (lingering.incrementAndGet() > MAX_LINGERING) {
            lingering.decrementAndGet();
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> lingering.decrementAndGet());
        ByteBuf bytes = Unpooled.wrappedBuffer(response);
        ctx.writeAndFlush(bytes).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess() || !(ch instanceof SocketChannel socket)) {
                ch.close();
                return;
            }
            socket.shutdownOutput();
        });
        ch.eventLoop().schedule(() -> ch.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static byte[] response(String status, String extraHeaders) {
        String body = status.substring(4) + "\n";
        return ("HTTP/1.1 " + status + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n"
                + extraHeaders
                + "\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- per address

    /** An IPv4 address, or the /64 prefix of an IPv6 address. */
    record AddressKey(boolean v6, long bits) {

        static final AddressKey UNKNOWN = new AddressKey(false, -1);

        /** The key of a peer, or null when it is exempt (loopback, unless {@code limitLoopback}). */
        static AddressKey of(Object socketAddress, boolean limitLoopback) {
            if (!(socketAddress instanceof InetSocketAddress inet) || inet.getAddress() == null) {
                return UNKNOWN;
            }
            InetAddress address = inet.getAddress();
            return address.isLoopbackAddress() && !limitLoopback ? null : of(address);
        }

        static AddressKey of(InetAddress address) {
            byte[] b = address.getAddress();
            long bits = 0;
            if (address instanceof Inet6Address) {
                for (int i = 0; i < 8; i++) {
                    bits = (bits << 8) | (b[i] & 0xff);
                }
                return new AddressKey(true, bits);
            }
            for (byte x : b) {
                bits = (bits << 8) | (x & 0xff);
            }
            return new AddressKey(false, bits);
        }
    }

    /** One address's open connections and token bucket; changed only inside the map's compute. */
    private static final class Peer {
        int open;
        double tokens;
        long stamp;

        Peer(int burst, long now) {
            this.tokens = burst;
            this.stamp = now;
        }

        void refill(long now, LimitsConfig limits) {
            double earned = (now - stamp) / 1e9 * limits.newConnectionsPerIpPerSecond();
            if (earned > 0) {
                tokens = Math.min(limits.newConnectionsPerIpBurst(), tokens + earned);
                stamp = now;
            }
        }

        boolean isFull(long now, LimitsConfig limits) {
            refill(now, limits);
            return tokens >= limits.newConnectionsPerIpBurst();
        }
    }
}
