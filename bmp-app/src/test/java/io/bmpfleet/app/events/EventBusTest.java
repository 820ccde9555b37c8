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
}
