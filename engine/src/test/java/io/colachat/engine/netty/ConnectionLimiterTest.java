package io.colachat.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.engine.netty.ConnectionLimiter.AddressKey;
import io.colachat.engine.netty.ConnectionLimiter.Refusal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The admission arithmetic, on a fake clock. */
class ConnectionLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private ConnectionLimiter limiter(LimitsConfig.Builder b) {
        return new ConnectionLimiter(b.build(), nanos::get);
    }

    private static AddressKey key(String address) throws UnknownHostException {
        return AddressKey.of(InetAddress.getByName(address));
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void admitsUpToTheTotalThenRefusesUntilOneCloses() throws Exception {
        ConnectionLimiter sut = limiter(LimitsConfig.builder().maxConnections(2));

        assertThat(sut.admit(key("10.0.0.1"))).isNull();
        assertThat(sut.admit(key("10.0.0.2"))).isNull();
        assertThat(sut.admit(key("10.0.0.3"))).isEqualTo(Refusal.TOTAL);

        sut.release(key("10.0.0.1"));
        assertThat(sut.admit(key("10.0.0.3"))).isNull();
        assertThat(sut.openConnections()).isEqualTo(2);
    }

    @Test
    void admitsUpToThePerAddressLimitWhileOtherAddressesAreServed() throws Exception {
        ConnectionLimiter sut = limiter(LimitsConfig.builder().maxConnectionsPerIp(2));

        assertThat(sut.admit(key("10.0.0.1"))).isNull();
        assertThat(sut.admit(key("10.0.0.1"))).isNull();
        assertThat(sut.admit(key("10.0.0.1"))).isEqualTo(Refusal.PER_IP);
        assertThat(sut.admit(key("10.0.0.2"))).isNull();
        assertThat(sut.openConnections()).as("refusals are not counted").isEqualTo(3);
    }

    @Test
    void newConnectionsPerAddressFollowATokenBucket() throws Exception {
        ConnectionLimiter sut = limiter(LimitsConfig.builder()
                .newConnectionsPerIpBurst(3).newConnectionsPerIpPerSecond(2));
        AddressKey a = key("10.0.0.1");

        for (int i = 0; i < 3; i++) {
            assertThat(sut.admit(a)).isNull();
            sut.release(a);
        }
        assertThat(sut.admit(a)).as("the burst is spent").isEqualTo(Refusal.RATE);
        assertThat(sut.admit(key("10.0.0.2"))).as("another address has its own bucket").isNull();

        advance(Duration.ofMillis(499));
        assertThat(sut.admit(a)).isEqualTo(Refusal.RATE);
        advance(Duration.ofMillis(2));
        assertThat(sut.admit(a)).as("one token after half a second at 2/s").isNull();
        assertThat(sut.admit(a)).isEqualTo(Refusal.RATE);
    }

    @Test
    void ipv6AddressesCountPerSlash64() throws Exception {
        ConnectionLimiter sut = limiter(LimitsConfig.builder().maxConnectionsPerIp(2));

        assertThat(sut.admit(key("2001:db8:1:2::1"))).isNull();
        assertThat(sut.admit(key("2001:db8:1:2:ffff::9"))).isNull();
        assertThat(sut.admit(key("2001:db8:1:2:abcd:1:2:3"))).as("same /64").isEqualTo(Refusal.PER_IP);
        assertThat(sut.admit(key("2001:db8:1:3::1"))).as("next /64").isNull();
    }

    @Test
    void loopbackIsExemptFromThePerAddressLimitsUnlessConfigured() {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 40000);

        assertThat(AddressKey.of(loopback, false)).isNull();
        assertThat(AddressKey.of(loopback, true)).isNotNull();
        ConnectionLimiter sut = limiter(LimitsConfig.builder().maxConnectionsPerIp(1).maxConnections(3));
        assertThat(sut.admit(null)).isNull();
        assertThat(sut.admit(null)).isNull();
        assertThat(sut.admit(null)).isNull();
        assertThat(sut.admit(null)).as("the total still applies").isEqualTo(Refusal.TOTAL);
    }

    @Test
    void sweepForgetsQuietAddressesOnlyOnceTheirBucketIsFull() throws Exception {
        ConnectionLimiter sut = limiter(LimitsConfig.builder()
                .newConnectionsPerIpBurst(4).newConnectionsPerIpPerSecond(1));
        AddressKey a = key("10.0.0.1");
        AddressKey b = key("10.0.0.2");
        sut.admit(a);
        sut.admit(b);
        sut.release(b);

        sut.sweep();
        assertThat(sut.trackedAddresses()).as("a is open, b's bucket is refilling").isEqualTo(2);

        advance(Duration.ofSeconds(1));
        sut.sweep();
        assertThat(sut.trackedAddresses()).isEqualTo(1);
        sut.release(a);
        advance(Duration.ofSeconds(1));
        sut.sweep();
        assertThat(sut.trackedAddresses()).isZero();
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> LimitsConfig.builder().maxConnections(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> LimitsConfig.builder().maxHeaderSize(10).build())
                .hasMessageContaining("maxHeaderSize");
        assertThatThrownBy(() -> LimitsConfig.builder().requestHeaderTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestHeaderTimeout");
        assertThatThrownBy(() -> LimitsConfig.builder().maxWebSocketFragments(0).build())
                .hasMessageContaining("maxWebSocketFragments");
        assertThat(LimitsConfig.defaults().maxConnectionsPerIp()).isEqualTo(256);
    }
}
