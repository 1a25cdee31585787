package io.colachat.engine.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Answers the HTTP requests that are not Engine.IO's: an application's REST API and static
 * files share the port with Socket.IO through this.
 *
 * <p>Runs on the connection's event loop and must not block: hand blocking work to another
 * executor and write the response from there. The handler owns {@code request} and must
 * release it. It must write exactly one response.
 */
@FunctionalInterface
public interface HttpHandler {

    void handle(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception;
}
