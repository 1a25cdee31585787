package io.colachat.engine.netty;

import io.colachat.engine.eio.EioServer;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * The pipeline of every accepted connection, top to bottom:
 *
 * <pre>
 *   http        HttpServerCodec               bytes ⇄ HTTP messages
 *   keepAlive   HttpServerKeepAliveHandler    Connection: keep-alive / close
 *   engine      EngineRouter                  requests under the engine path end here
 *   aggregator  HttpObjectAggregator          every other request, whole, up to httpMaxContentLength (413 over)
 *   app         HttpHandlerAdapter            the application's HttpHandler (404 by default)
 * </pre>
 *
 * <p>A websocket upgrade on the engine path turns the connection into a websocket for good: the
 * handshaker puts its frame decoder and encoder in front of {@code http} and removes {@code http}
 * and {@code aggregator}; the router removes {@code keepAlive} and {@code app} and replaces itself
 * with a UTF-8 validator, a frame aggregator bounded by maxPayload, and the session's transport.
 */
final class EngineChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String HTTP = "http";
    static final String KEEP_ALIVE = "keepAlive";
    static final String ENGINE = "engine";
    static final String AGGREGATOR = "aggregator";
    static final String APP = "app";
    static final String WS_UTF8 = "wsUtf8";
    static final String WS_AGGREGATOR = "wsAggregator";
    static final String WS_TRANSPORT = "wsTransport";

    private final EioServer engine;
    private final HttpHandler httpHandler;
    private final int httpMaxContentLength;
    private final ChannelGroup channels;

    EngineChannelInitializer(EioServer engine, HttpHandler httpHandler, int httpMaxContentLength, ChannelGroup channels) {
        this.engine = engine;
        this.httpHandler = httpHandler;
        this.httpMaxContentLength = httpMaxContentLength;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast(HTTP, new HttpServerCodec());
        p.addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler());
        if (engine != null) {
            p.addLast(ENGINE, new EngineRouter(engine));
        }
        p.addLast(AGGREGATOR, new HttpObjectAggregator(httpMaxContentLength));
        p.addLast(APP, new HttpHandlerAdapter(httpHandler));
    }
}
