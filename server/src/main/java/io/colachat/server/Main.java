package io.colachat.server;

import io.colachat.server.config.ConfigException;
import io.colachat.server.config.ServerConfig;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar colachat.jar [--setting value ...]}: see {@code --help}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerConfig cfg;
        try {
            cfg = ServerConfig.parse(args, System.getenv());
        } catch (ConfigException e) {
            // One clear line (or the help text), never a stack trace.
            (e.exitCode() == 0 ? System.out : System.err).println(e.getMessage());
            System.exit(e.exitCode());
            return;
        }
        Logging.configure(cfg);
        ColaChat app;
        try {
            app = ColaChat.start(cfg);
        } catch (RuntimeException e) {
            System.err.println("Cola Chat could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "colachat-shutdown"));
        stopped.await();
    }
}
