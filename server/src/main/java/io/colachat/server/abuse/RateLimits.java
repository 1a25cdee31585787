package io.colachat.server.abuse;

import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The abuse limits of the chat, each a decaying score (see {@link DecayingScore}):
 * <ul>
 *   <li>messages per chatter: a message costs 1 point plus 1 per 200 characters, so long floods
 *       are throttled sooner; the score decays by {@code floodRate} points a second, up to
 *       {@code floodBurst};</li>
 *   <li>messages per IP address: four times the chatter's burst and rate, for several people
 *       behind one address;</li>
 *   <li>rooms created per IP address, per minute;</li>
 *   <li>wrong passwords per IP address and room, per minute.</li>
 * </ul>
 * Over a limit the request is refused with RATE_LIMITED and nothing is stored.
 */
public final class RateLimits {

    /** Several people may share an address (an office, a phone carrier's NAT). */
    static final int IP_SHARE = 4;
    /** Characters that cost one more point. */
    static final int CHARS_PER_POINT = 200;

    private final DecayingScore<UUID> perChatter;
    private final DecayingScore<String> perIp;
    private final DecayingScore<String> roomsPerIp;
    private final DecayingScore<String> passwordsPerIpAndRoom;

    public RateLimits(int floodBurst, int floodRate, int roomsPerMinute, int passwordAttemptsPerMinute,
            LongSupplier nanoClock) {
        this.perChatter = new DecayingScore<>(floodBurst, floodRate, nanoClock);
        this.perIp = new DecayingScore<>(floodBurst * (double) IP_SHARE, floodRate * (double) IP_SHARE, nanoClock);
        this.roomsPerIp = new DecayingScore<>(roomsPerMinute, roomsPerMinute / 60.0, nanoClock);
        this.passwordsPerIpAndRoom = new DecayingScore<>(passwordAttemptsPerMinute, passwordAttemptsPerMinute / 60.0,
                nanoClock);
    }

    /** The cost of a message of this many code points. */
    static double cost(int length) {
        return 1 + (double) length / CHARS_PER_POINT;
    }

    /** May this chatter, from this address, send a message of this length now? Records it if so. */
    public boolean allowMessage(UUID chatterId, String ip, int length) {
        double cost = cost(length);
        // Check both before recording either, so a refusal by one costs nothing in the other.
        if (!perChatter.wouldAllow(chatterId, cost) || !perIp.wouldAllow(ip, cost)) {
            return false;
        }
        return perChatter.tryAdd(chatterId, cost) && perIp.tryAdd(ip, cost);
    }

    /** May this address create a room now? Records it if so. */
    public boolean allowRoomCreation(String ip) {
        return roomsPerIp.tryAdd(ip, 1);
    }

    /** May this address try a password on this room now (it has not failed too often)? */
    public boolean mayTryPassword(String ip, UUID roomId) {
        return passwordsPerIpAndRoom.wouldAllow(ip + "|" + roomId, 1);
    }

    /** Records a wrong password from this address on this room. */
    public void wrongPassword(String ip, UUID roomId) {
        passwordsPerIpAndRoom.tryAdd(ip + "|" + roomId, 1);
    }
}
