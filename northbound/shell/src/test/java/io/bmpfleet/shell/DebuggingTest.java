/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bmpfleet.shell.Debugging.Area;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DebuggingTest {
    private static final Map<String, Object> KARAF = Map.of(
        "log4j2.rootLogger.level", "INFO",
        "log4j2.logger.spifly.name", "org.apache.aries.spifly",
        "log4j2.logger.spifly.level", "WARN");

    @Test
    void nothingIsOnInKarafsDefaults() {
        assertThat(Debugging.enabled(KARAF)).isEmpty();
        assertThat(Debugging.show(Set.of())).containsExactly(
            "BGP BMP event debugging is off",
            "BGP BMP neighbor debugging is off",
            "BGP BMP server debugging is off");
    }

    @Test
    void serverOnPutsTheCollectorsLoggersAtDebug() {
        final var config = Debugging.configure(KARAF, EnumSet.of(Area.SERVER));
        assertThat(config).containsAllEntriesOf(KARAF).containsEntry(
            "log4j2.logger.io_bmpfleet_bmp_collector.name", "io.bmpfleet.bmp.collector")
            .containsEntry("log4j2.logger.io_bmpfleet_bmp_collector.level", "DEBUG")
            .containsEntry("log4j2.logger.io_bmpfleet_app_monitoring_CollectorControl.name",
                "io.bmpfleet.app.monitoring.CollectorControl")
            .containsEntry("log4j2.logger.io_bmpfleet_app_monitoring_CollectorControl.level", "DEBUG")
            .hasSize(KARAF.size() + 4);
        assertThat(Debugging.enabled(config)).containsExactly(Area.SERVER);
        assertThat(Debugging.show(Debugging.enabled(config))).containsExactly(
            "BGP BMP event debugging is off",
            "BGP BMP neighbor debugging is off",
            "BGP BMP server debugging is on",
            "  DEBUG: io.bmpfleet.bmp.collector io.bmpfleet.app.monitoring.CollectorControl");
    }

    @Test
    void aLoggerInsideAnAreaThatIsOnIsHeldAtInfo() {
        final var server = Debugging.configure(KARAF, EnumSet.of(Area.SERVER));
        final var neighbor = Debugging.configure(server, EnumSet.of(Area.NEIGHBOR));
        assertThat(neighbor)
            .containsEntry("log4j2.logger.io_bmpfleet_app_monitoring.level", "DEBUG")
            .containsEntry("log4j2.logger.io_bmpfleet_rib.level", "DEBUG")
            .containsEntry("log4j2.logger.io_bmpfleet_app_monitoring_CollectorControl.level", "INFO")
            .doesNotContainKey("log4j2.logger.io_bmpfleet_bmp_collector.name")
            .doesNotContainKey("log4j2.logger.io_bmpfleet_bmp_collector.level");
        assertThat(Debugging.enabled(neighbor)).containsExactly(Area.NEIGHBOR);
    }

    @Test
    void offRemovesWhatOnAdded() {
        final var all = Debugging.configure(KARAF, EnumSet.allOf(Area.class));
        assertThat(Debugging.enabled(all)).containsExactly(Area.EVENT, Area.NEIGHBOR, Area.SERVER);
        assertThat(Debugging.configure(all, Set.of())).isEqualTo(KARAF);
    }

    @Test
    void aLoggerKarafAlreadyNamesKeepsItsEntry() {
        final var config = Map.<String, Object>of(
            "log4j2.logger.collector.name", "io.bmpfleet.bmp.collector",
            "log4j2.logger.collector.level", "WARN",
            "log4j2.logger.collector.additivity", "false");
        final var on = Debugging.configure(config, EnumSet.of(Area.SERVER));
        assertThat(on).containsEntry("log4j2.logger.collector.level", "DEBUG")
            .doesNotContainKey("log4j2.logger.io_bmpfleet_bmp_collector.name");
        // Off cannot drop an entry with more than a level: it is held at INFO.
        assertThat(Debugging.configure(on, Set.of())).containsEntry("log4j2.logger.collector.level", "INFO")
            .containsEntry("log4j2.logger.collector.additivity", "false");
    }

    @Test
    void areasByName() {
        assertThat(Area.of("neighbor")).isEqualTo(Area.NEIGHBOR);
        assertThat(assertThrows(IllegalArgumentException.class, () -> Area.of("rib")).getMessage())
            .isEqualTo("no BMP debugging area rib; one of event, neighbor, server");
        assertThat(Debugging.lines(Area.EVENT, false)).containsExactly("BGP BMP event debugging is off");
    }
}
