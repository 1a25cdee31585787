package io.colachat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HelpAndVersionTest {

    private static String help(String... args) {
        InfoRequested info = catchThrowableOfType(InfoRequested.class, () -> ServerConfig.parse(args, Map.of()));
        assertThat(info).as("--help is signalled by InfoRequested").isNotNull();
        assertThat(info.exitCode()).isZero();
        return info.getMessage();
    }

    @Test
    void helpListsEverySettingWithItsDefaultAndMeaning() {
        String help = help("--help");

        for (Setting<?> s : Settings.all()) {
            assertThat(help).contains(s.flag() + " " + s.metavar());
            assertThat(help.replaceAll("\\s+", " ")).contains(s.description());
            if (s.defaultHelp() != null) {
                assertThat(help.replaceAll("\\s+", " ")).contains("[default: " + s.defaultHelp() + "]");
            }
        }
        // Contents, not line wrapping: the text is wrapped to the widest flag.
        assertThat(help.replaceAll("\\s+", " ")).contains("--config PATH", "COLACHAT_CONFIG", "--version",
                "[default: 8080]", "[default: 24h]", "[default: same origin only]",
                "a flag beats the environment".replace("a flag", "A flag"));
    }

    @Test
    void helpShowsNoDefaultForSecrets() {
        String line = help("--help").lines()
                .filter(l -> l.contains("--db-password"))
                .findFirst().orElseThrow();

        assertThat(line).doesNotContain("default");
    }

    @Test
    void helpIsAlignedAndFitsInOneHundredColumns() {
        String help = help("-h");
        int column = -1;
        for (String line : help.lines().toList()) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(100);
            if (line.startsWith("  --")) {
                int description = line.indexOf("  ", 4);
                while (line.charAt(description) == ' ') {
                    description++;
                }
                if (column < 0) {
                    column = description;
                }
                assertThat(description).as(line).isEqualTo(column);
            }
        }
    }

    @Test
    void helpWinsOverOtherwiseWrongArguments() {
        assertThat(help("--port", "abc", "--help")).startsWith("Cola Chat ");
    }

    @Test
    void versionPrintsTheVersionOrDevOutsideAJar() {
        InfoRequested info = catchThrowableOfType(InfoRequested.class,
                () -> ServerConfig.parse(new String[] {"--version"}, Map.of()));

        assertThat(info.getMessage()).isEqualTo("colachat " + ServerConfig.version());
        assertThat(ServerConfig.version()).isEqualTo("dev");
        assertThat(info.exitCode()).isZero();
    }

    @Test
    void helpTextIsAlsoAvailableWithoutParsing() {
        assertThat(ServerConfig.helpText()).isEqualTo(help("--help"));
    }
}
