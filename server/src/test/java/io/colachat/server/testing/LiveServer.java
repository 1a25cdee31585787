package io.colachat.server.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's real server and the clients it opened, closed after each test:
 *
 * <pre>{@code
 * @RegisterExtension final LiveServer server = new LiveServer();
 *
 * @Test void something() {
 *     server.start("--leave-grace-ms", "400");
 *     ChatClient a = server.client();
 *     String room = server.http().createRoom("Room", 8, null);
 * }
 * }</pre>
 */
public final class LiveServer implements AfterEachCallback {

    private final List<ChatClient> clients = new CopyOnWriteArrayList<>();
    private TestApp app;
    private Http http;

    /** Starts a server with these extra flags (see {@link TestApp#start(String...)}). */
    public TestApp start(String... args) {
        return use(TestApp.start(args));
    }

    /** Uses a server the test started itself, for example on the data of a stopped one. */
    public TestApp use(TestApp started) {
        app = started;
        http = new Http(started.baseUrl());
        return started;
    }

    public TestApp app() {
        return app;
    }

    public Http http() {
        return http;
    }

    /** A client connected to the namespace {@code anonymous}, closed after the test. */
    public ChatClient client() {
        return client("anonymous");
    }

    /** A client connected to {@code namespace}, closed after the test. */
    public ChatClient client(String namespace) {
        ChatClient c = ChatClient.connect(app.baseUrl(), namespace);
        clients.add(c);
        return c;
    }

    /** Drops every client opened so far (as if they all lost their network). */
    public void closeClients() {
        clients.forEach(ChatClient::close);
        clients.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeClients();
        if (app != null) {
            app.close();
            app = null;
        }
    }
}
