package io.colachat.server.config;

import io.colachat.server.config.ValueParser.InvalidValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads the three layers (flags, environment, config file), picks each setting's text by
 * precedence flag > environment > file > default, and parses it. Everything that can go wrong
 * becomes one {@link ConfigException} line naming the setting as the user wrote it.
 *
 * <p>Rules worth knowing: values are stripped of surrounding whitespace (a secret mounted from a
 * file often ends with a newline); an empty value means "the default", so an empty
 * {@code COLACHAT_REDIS_URL=} overrides a file's {@code redis-url}; a repeated flag takes its last
 * value, so a wrapper script may append overrides; unknown flags and unknown file keys are
 * errors, unknown {@code COLACHAT_*} variables only warnings (environments are shared).
 */
final class ConfigLoader {

    /** Where a value came from. */
    enum Source {
        FLAG("flag"), ENV("env"), FILE("file"), DEFAULT("default");

        final String label;

        Source(String label) {
            this.label = label;
        }
    }

    static final String CONFIG = "config";
    static final String CONFIG_ENV = Setting.envName(CONFIG);

    /** One setting's text and where it was written, e.g. {@code --port} or {@code port in a.properties}. */
    private record Raw(String value, Source source, String origin) {
    }

    private final List<String> warnings = new ArrayList<>();

    private ConfigLoader() {
    }

    static ServerConfig load(String[] args, Map<String, String> env) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new InfoRequested(HelpText.render());
            }
            if (arg.equals("--version")) {
                throw new InfoRequested("colachat " + ServerConfig.version());
            }
        }
        return new ConfigLoader().resolve(args, env);
    }

    private ServerConfig resolve(String[] args, Map<String, String> env) {
        Map<String, Raw> flags = readFlags(args);
        Map<String, Raw> fromEnv = readEnv(env);
        Raw configRaw = firstNonBlank(flags.get(CONFIG), fromEnv.get(CONFIG));
        Path configFile = configRaw == null ? null : configPath(configRaw);
        Map<String, Raw> fromFile = configFile == null ? Map.of() : readFile(configFile, configRaw.origin());

        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        Map<Setting<?>, Source> sources = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.all()) {
            Raw raw = firstNonBlank(flags.get(setting.name()), fromEnv.get(setting.name()),
                    fromFile.get(setting.name()));
            if (raw == null) {
                values.put(setting, parseDefault(setting));
                sources.put(setting, Source.DEFAULT);
            } else {
                values.put(setting, parse(setting, raw));
                sources.put(setting, raw.source());
            }
        }
        return new ServerConfig(values, sources, configFile, warnings);
    }

    /** The first layer's value, or null when no layer sets one; an empty value stops the search (it means the default). */
    private static Raw firstNonBlank(Raw... layers) {
        for (Raw raw : layers) {
            if (raw != null) {
                return raw.value().isBlank() ? null : raw;
            }
        }
        return null;
    }

    // ---- the layers ------------------------------------------------------------------------

    private Map<String, Raw> readFlags(String[] args) {
        Map<String, Raw> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unexpected argument " + Setting.quote(arg)
                        + "; settings are given as --name VALUE (see --help)");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            if (!isKnown(name)) {
                String hint = suggest("--", name);
                throw new ConfigException("unknown option --" + name + (hint.isEmpty() ? " (see --help)" : hint));
            }
            String value;
            if (eq >= 0) {
                value = body.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new ConfigException("missing value for --" + name + " (give --" + name
                        + " VALUE or --" + name + "=VALUE)");
            }
            flags.put(name, new Raw(value, Source.FLAG, "--" + name));
        }
        return flags;
    }

    private Map<String, Raw> readEnv(Map<String, String> env) {
        Map<String, Raw> byName = new LinkedHashMap<>();
        Map<String, String> known = new LinkedHashMap<>();
        known.put(CONFIG_ENV, CONFIG);
        for (Setting<?> s : Settings.all()) {
            known.put(s.envName(), s.name());
        }
        for (String key : new TreeSet<>(env.keySet())) {
            if (!key.startsWith("COLACHAT_")) {
                continue;
            }
            String name = known.get(key);
            if (name == null) {
                warnings.add("ignoring unknown environment variable " + key
                        + suggest("", key, new ArrayList<>(known.keySet())));
                continue;
            }
            byName.put(name, new Raw(env.get(key), Source.ENV, key));
        }
        return byName;
    }

    private static Path configPath(Raw raw) {
        try {
            return Path.of(raw.value().strip());
        } catch (InvalidPathException e) {
            throw new ConfigException("invalid value for " + raw.origin() + ": "
                    + Setting.quote(raw.value()) + " is not a file path");
        }
    }

    private Map<String, Raw> readFile(Path file, String givenBy) {
        Properties props = new Properties();
        String where = "cannot read config file " + file + " (given by " + givenBy + "): ";
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(where + "no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigException(where + "permission denied");
        } catch (CharacterCodingException e) {
            throw new ConfigException(where + "it is not UTF-8 text");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + "it is not a properties file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ConfigException(where + (Files.isDirectory(file) ? "it is a directory" : e.toString()));
        }
        Map<String, Raw> byName = new LinkedHashMap<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            if (key.equals(CONFIG)) {
                throw new ConfigException("\"config\" cannot be set inside the config file " + file);
            }
            if (Settings.byName(key) == null) {
                throw new ConfigException("unknown setting " + Setting.quote(key) + " in " + file
                        + suggest("", key));
            }
            byName.put(key, new Raw(props.getProperty(key), Source.FILE, key + " in " + file));
        }
        return byName;
    }

    // ---- parsing ---------------------------------------------------------------------------

    private static Object parse(Setting<?> setting, Raw raw) {
        String text = raw.value().strip();
        try {
            return setting.parse(text);
        } catch (InvalidValue e) {
            String subject = e.offending() == null
                    ? setting.quoteRaw(text)
                    : setting.quoteRaw(e.offending());
            throw new ConfigException("invalid value for " + raw.origin() + ": " + subject + " "
                    + e.getMessage());
        }
    }

    private static Object parseDefault(Setting<?> setting) {
        String text = setting.defaultRaw();
        if (text == null) {
            return null;
        }
        try {
            return setting.parse(text);
        } catch (InvalidValue e) {
            throw new IllegalStateException("the default of " + setting.name() + " is invalid: "
                    + e.getMessage(), e);
        }
    }

    private static boolean isKnown(String name) {
        return name.equals(CONFIG) || Settings.byName(name) != null;
    }

    private static String suggest(String prefix, String name) {
        List<String> names = new ArrayList<>();
        names.add(CONFIG);
        Settings.all().forEach(s -> names.add(s.name()));
        return suggest(prefix, name, names);
    }

    private static String suggest(String prefix, String name, List<String> candidates) {
        List<String> similar = Parsers.similar(name, candidates);
        return similar.isEmpty() ? "" : "; did you mean " + prefix + similar.get(0) + "?";
    }
}
