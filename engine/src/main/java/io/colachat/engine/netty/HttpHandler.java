package io.colachat.engine.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

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

    /**
     * The answer to a request whose body is over the server's limit; its body is not read, and
     * the connection is closed after this response. A bare 413 unless the application says
     * otherwise (for example in its own error format).
     */
    default FullHttpResponse tooLarge(HttpRequest head) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.EMPTY_BUFFER);
        HttpUtil.setContentLength(res, 0);
        return res;
    }
}
