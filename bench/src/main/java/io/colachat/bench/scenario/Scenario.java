package io.colachat.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/**
 * One benchmark: it drives a {@link Target} with a load client and returns one JSON result.
 * Every loop in a scenario is bounded in count and in time, and every size is a flag.
 */
public interface Scenario {

    String name();

    /** Whether this scenario means anything against this target (joins need Socket.IO rooms). */
    default boolean supports(Target target) {
        return target.speaksSocketIo();
    }

    ObjectNode run(Target target, Options options, PrintStream log) throws Exception;

    /** The scenario of this name. */
    static Scenario named(String name) {
        return switch (name) {
            case "fanout" -> new Fanout();
            case "joinstorm" -> new JoinStorm();
            case "lobby" -> new Lobby();
            case "capacity" -> new Capacity();
            case "refresh" -> new Refresh();
            case "soak" -> new Soak();
            case "store" -> new Store();
            default -> throw new IllegalArgumentException("unknown scenario " + name
                    + " (fanout, joinstorm, lobby, capacity, refresh, soak, store)");
        };
    }
}
