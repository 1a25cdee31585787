package io.colachat.server.config;

/**
 * Not an error: {@code --help} or {@code --version} was given. The message is the text to print
 * to stdout, after which the process exits with 0 without starting.
 *
 * <p>It extends {@link ConfigException} so that a {@code main} which only knows that type still
 * prints the text and stops instead of starting the server (see {@link ConfigException} for the
 * handling that also gets the stream and exit status right).
 */
public final class InfoRequested extends ConfigException {

    public InfoRequested(String text) {
        super(text);
    }

    /** Always 0. */
    @Override
    public int exitCode() {
        return 0;
    }
}
