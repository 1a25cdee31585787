package io.colachat.engine.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Bounds the frames of one websocket message, in front of the frame aggregator. The aggregator
 * bounds a message's bytes, not its frames: 100,000 one-byte continuation frames stay under any
 * byte limit while each costs a decode, an object and a composite-buffer component. Over
 * {@link LimitsConfig#maxWebSocketFragments()} frames the message fails like an oversized one
 * (a {@link TooLongFrameException}, which the transport answers with close 1009), and every frame
 * after that is dropped unread. Control frames, which may come between fragments, are not counted.
 */
final class WebSocketFragmentLimit extends ChannelInboundHandlerAdapter {

    private final int maxFragments;
    /** Frames of the message being received so far; 0 between messages. */
    private int fragments;
    private boolean failed;

    WebSocketFragmentLimit(int maxFragments) {
        this.maxFragments = maxFragments;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            fragments = ((WebSocketFrame) msg).isFinalFragment() ? 0 : 1;
        } else if (msg instanceof ContinuationWebSocketFrame continuation) {
            if (++fragments > maxFragments) {
                failed = true;
                ReferenceCountUtil.release(msg);
                ctx.fireExceptionCaught(new TooLongFrameException(
                        "websocket message of more than " + maxFragments + " frames"));
                return;
            }
            if (continuation.isFinalFragment()) {
                fragments = 0;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
