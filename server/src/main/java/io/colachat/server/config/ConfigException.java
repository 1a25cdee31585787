package io.colachat.server.config;

/**
 * Start-up must stop: a setting has a wrong value, a flag is unknown or lacks its value, or the
 * config file cannot be read. The message is one line for the operator, names the setting the way
 * it was given ({@code --port}, {@code COLACHAT_PORT} or {@code port in colachat.properties}), and
 * never contains a secret's value.
 *
 * <p>{@link #exitCode()} is what the process should exit with after printing the message: 2 for
 * errors (print to stderr), 0 for {@link InfoRequested} (print to stdout). A {@code main} handles
 * both with:
 *
 * <pre>{@code
 * try {
 *     config = ServerConfig.parse(args, System.getenv());
 * } catch (ConfigException e) {
 *     (e.exitCode() == 0 ? System.out : System.err).println(e.getMessage());
 *     System.exit(e.exitCode());
 * }
 * }</pre>
 */
public class ConfigException extends RuntimeException {

    /** The exit status for a configuration error, as for a command-line usage error. */
    public static final int EXIT_USAGE = 2;

    public ConfigException(String message) {
        // No stack trace: this is a message for a person, never a fault to debug.
        super(message, null, false, false);
    }

    /** 2 for an error; 0 for {@link InfoRequested}. */
    public int exitCode() {
        return EXIT_USAGE;
    }
}
