/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBusTest {
    private static final InetSocketAddress ROUTER = new InetSocketAddress("127.0.0.1", 40000);

    @Test
    void aSlowSubscriberLosesTheOldestEventsAndCountsThem() throws Exception {
        final var bus = new EventBus();
        assertThat(bus.hasSubscribers()).isFalse();
        try (var slow = bus.subscribe(3); var fast = bus.subscribe(100)) {
            for (int i = 0; i < 10; i++) {
                bus.publish(new MonitoringEvent.SessionDown(Instant.EPOCH, ROUTER, "reason " + i));
            }
            assertThat(slow.dropped()).isEqualTo(7);
            assertThat(((MonitoringEvent.SessionDown) slow.poll(Duration.ZERO)).reason()).isEqualTo("reason 7");
            assertThat(fast.dropped()).isZero();
            for (int i = 0; i < 10; i++) {
                assertThat(((MonitoringEvent.SessionDown) fast.poll(Duration.ZERO)).reason()).isEqualTo("reason " + i);
            }
            assertThat(fast.poll(Duration.ofMillis(10))).isNull();
        }
        assertThat(bus.hasSubscribers()).isFalse();
    }

    /**
     * A subscription bounded by bytes: a router flooding with large raw messages fills it by bytes long before its
     * event count, and it keeps the newest within the bound.
     */
    @Test
    void aByteBoundedSubscriptionKeepsTheNewestWithinItsBytes() throws Exception {
        final var bus = new EventBus();
        try (var raw = bus.subscribe(10_000, java.util.EnumSet.of(MonitoringEvent.Level.RAW), 100_000)) {
            for (int i = 0; i < 1000; i++) {
                final byte[] message = new byte[10_000];
                message[0] = (byte) i;
                bus.publish(new MonitoringEvent.RawMessage(Instant.EPOCH, ROUTER, message));
            }
            assertThat(raw.bufferedBytes()).isPositive().isLessThanOrEqualTo(100_000);
            final int kept = (int) (raw.bufferedBytes() / (10_000 + 96));
            assertThat(raw.dropped()).isEqualTo(1000 - kept);
            final var oldest = (MonitoringEvent.RawMessage) raw.poll(Duration.ZERO);
            assertThat(oldest.message()[0]).isEqualTo((byte) (1000 - kept));
            for (int i = 1; i < kept; i++) {
                assertThat(raw.poll(Duration.ZERO)).isNotNull();
            }
            assertThat(raw.poll(Duration.ZERO)).isNull();
            assertThat(raw.bufferedBytes()).isZero();
        }
    }
}
