package io.colachat.engine;

/**
 * Runs for every socket connecting to a namespace, before it is connected: sees the handshake
 * (headers, query, auth) and calls {@link Next#proceed()} or {@link Next#refuse}. It may answer
 * later from another thread, for example after a database lookup.
 *
 * <pre>{@code
 * io.of("/admin").use((socket, next) -> {
 *     if ("secret".equals(socket.auth().path("token").asText())) next.proceed();
 *     else next.refuse("not authorized");
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {

    void apply(Socket socket, Next next);

    /** The continuation of a middleware; exactly one of its methods should be called, once. */
    interface Next {
        /** Lets the socket through to the next middleware, or connects it. */
        void proceed();

        /** Refuses the connection: the client gets CONNECT_ERROR {@code {"message": message}}. */
        default void refuse(String message) {
            refuse(message, null);
        }

        /** Refuses with extra {@code data}, sent as the error's {@code data} field. */
        void refuse(String message, Object data);
    }
}
