package io.colachat.bench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags {@code --name value} (or {@code --name} alone for true), read with defaults.
 * Every scenario size is a flag; unknown flags are kept and ignored by scenarios that do not use them.
 */
public final class Options {

    private final Map<String, String> values;
    private final List<String> positional;

    private Options(Map<String, String> values, List<String> positional) {
        this.values = values;
        this.positional = positional;
    }

    public static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq > 0) {
                    values.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    values.put(name, args[++i]);
                } else {
                    values.put(name, "true");
                }
            } else {
                positional.add(a);
            }
        }
        return new Options(values, positional);
    }

    /** A copy with these flags set (later wins). */
    public Options with(String... kv) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            copy.put(kv[i], kv[i + 1]);
        }
        return new Options(copy, positional);
    }

    /**
     * The {@code index}th word that is not a flag, such as the scenario's name.
     *
     * @throws IllegalArgumentException naming {@code what} when there is no such word
     */
    public String positional(int index, String what) {
        if (index >= positional.size()) {
            throw new IllegalArgumentException("missing " + what);
        }
        return positional.get(index);
    }

    public String string(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    public int integer(String name, int dflt) {
        String v = values.get(name);
        try {
            return v == null ? dflt : Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was \"" + v + "\"");
        }
    }

    public double decimal(String name, double dflt) {
        String v = values.get(name);
        try {
            return v == null ? dflt : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was \"" + v + "\"");
        }
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    public int[] integers(String name, String dflt) {
        String[] parts = values.getOrDefault(name, dflt).split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be whole numbers separated by commas, was \""
                        + values.get(name) + "\"");
            }
        }
        return out;
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
