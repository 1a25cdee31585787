package io.colachat.engine.netty;

import io.colachat.engine.eio.EioServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;

/**
 * One connection's full production pipeline ({@link EngineChannelInitializer}) on an
 * {@link EmbeddedChannel}: bytes in, bytes out, on the calling thread. Buffers come from an
 * unpooled heap allocator, so every buffer the pipeline makes is a fresh array that
 * {@link io.colachat.engine.testing.Allocations} can see.
 */
public final class EmbeddedEngine implements AutoCloseable {

    public final EmbeddedChannel channel;

    public EmbeddedEngine(EioServer engine, LimitsConfig limits) {
        channel = new EmbeddedChannel(false, false, new EngineChannelInitializer(engine, HttpHandlerAdapter.NOT_FOUND,
                1 << 20, new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE), limits, new ConnectionLimiter(limits)));
        channel.config().setAllocator(new UnpooledByteBufAllocator(false));
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feeds bytes as one read; returns false once the channel is closed. */
    public boolean write(byte[] bytes) {
        if (!channel.isOpen()) {
            return false;
        }
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
        return channel.isOpen();
    }

    public boolean write(String ascii) {
        return write(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Everything written to the client so far, as one string (ISO-8859-1), released. */
    public String drainOutbound() {
        StringBuilder out = new StringBuilder();
        Object msg;
        while ((msg = channel.readOutbound()) != null) {
            if (msg instanceof ByteBuf buf) {
                out.append(buf.toString(StandardCharsets.ISO_8859_1));
            }
            ReferenceCountUtil.release(msg);
        }
        return out.toString();
    }

    /** Drops whatever reached the end of the pipeline unhandled. */
    public void drainInbound() {
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void close() {
        channel.close();
        channel.runPendingTasks();
        drainOutbound();
        drainInbound();
        channel.finishAndReleaseAll();
    }
}
