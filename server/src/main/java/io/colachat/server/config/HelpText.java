package io.colachat.server.config;

import java.util.ArrayList;
import java.util.List;

/** Renders {@code --help} from the settings table: aligned columns, wrapped at 100 characters. */
final class HelpText {

    private static final int WIDTH = 100;

    private HelpText() {
    }

    static String render() {
        List<String[]> options = List.of(
                new String[] {"--config PATH", "a Java properties file (UTF-8) whose keys are the settings below, "
                        + "e.g. port=9000; also " + ConfigLoader.CONFIG_ENV},
                new String[] {"--help", "print this help and exit"},
                new String[] {"--version", "print the version and exit"});
        List<String[]> settings = new ArrayList<>();
        for (Setting<?> s : Settings.all()) {
            String text = s.description();
            if (s.defaultHelp() != null) {
                text += " [default: " + s.defaultHelp() + "]";
            }
            settings.add(new String[] {s.flag() + " " + s.metavar(), text});
        }
        int column = 0;
        for (List<String[]> rows : List.of(options, settings)) {
            for (String[] row : rows) {
                column = Math.max(column, row[0].length());
            }
        }
        column += 4;

        StringBuilder b = new StringBuilder();
        b.append("Cola Chat ").append(ServerConfig.version())
                .append(": an anonymous chat-room server speaking Socket.IO.\n\n")
                .append("Usage: java -jar colachat.jar [--name VALUE | --name=VALUE]...\n\n")
                .append("Every setting is a flag (--port 9000), an environment variable (COLACHAT_PORT=9000)\n")
                .append("or a key of the config file (port=9000). A flag beats the environment, which beats\n")
                .append("the file, which beats the default. An empty value means the default.\n\n")
                .append("Options:\n");
        rows(b, options, column);
        b.append("\nSettings:\n");
        rows(b, settings, column);
        return b.toString().stripTrailing();
    }

    private static void rows(StringBuilder b, List<String[]> rows, int column) {
        for (String[] row : rows) {
            String left = "  " + row[0];
            b.append(left).append(" ".repeat(column - left.length()));
            wrap(b, row[1], column);
        }
    }

    private static void wrap(StringBuilder b, String text, int column) {
        int room = WIDTH - column;
        int lineLength = 0;
        for (String word : text.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > room) {
                b.append('\n').append(" ".repeat(column));
                lineLength = 0;
            } else if (lineLength > 0) {
                b.append(' ');
                lineLength++;
            }
            b.append(word);
            lineLength += word.length();
        }
        b.append('\n');
    }
}
