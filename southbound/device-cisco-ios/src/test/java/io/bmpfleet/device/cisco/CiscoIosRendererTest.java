/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.cisco;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.device.DeviceIntent.Activation;
import io.bmpfleet.device.DeviceIntent.Global;
import io.bmpfleet.device.DeviceIntent.Station;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The renderer against the seed (the Cisco IOS BMP configuration guide), the parser against the renderer, and the
 * diff's commands.
 */
class CiscoIosRendererTest {
    /**
     * The seed's {@code show running-config | section bmp}, line for line and in its order. It differs from the
     * seed's text in two places. Indentation: the seed's text has lost its leading blanks; IOS indents the lines
     * of a sub-mode by one blank, so the lines from {@code address} to {@code exit-bmp-server-mode} carry one.
     * The last line: the seed prints {@code bmp-activate all} alone, which is not a configuration line (the
     * neighbor has been lost in the guide's layout); IOS writes it {@code neighbor X bmp-activate all}.
     */
    static final String SEED_RUNNING_CONFIG = """
        bmp server 1
         address 10.1.1.1 port-number 8000
         description SERVER1
         initial-delay 20
         failure-retry-delay 40
         flapping-delay 120
         update-source Ethernet0/0
         set ip dscp 3
         activate
         exit-bmp-server-mode
        bmp server 2
         address 20.1.1.1 port-number 9000
         description SERVER2
         initial-delay 20
         failure-retry-delay 40
         flapping-delay 120
         update-source Ethernet2/0
         set ip dscp 5
         activate
         exit-bmp-server-mode
        bmp initial-refresh delay 30
        neighbor 30.1.1.1 bmp-activate all
        """;

    /** The seed's text exactly as the guide prints it (blanks lost). */
    private static final String SEED_VERBATIM = """
        bmp server 1
        address 10.1.1.1 port-number 8000
        description SERVER1
        initial-delay 20
        failure-retry-delay 40
        flapping-delay 120
        update-source Ethernet0/0
        set ip dscp 3
        activate
        exit-bmp-server-mode
        bmp server 2
        address 20.1.1.1 port-number 9000

        description SERVER2
        initial-delay 20
        failure-retry-delay 40
        flapping-delay 120
        update-source Ethernet2/0
        set ip dscp 5
        activate
        exit-bmp-server-mode
        bmp initial-refresh delay 30
        bmp-activate all
        """;

    /**
     * The seed's three configuration sessions for the same router, as one: the servers' session (the third
     * example, servers 1 and 2, in the guide's command order), then the router-wide settings (the second example:
     * {@code bmp initial-refresh delay 30}, {@code bmp buffer-size 2048}), then the neighbor (the first example).
     * Servers come first so that the activation names servers that exist.
     */
    static final List<String> SEED_SESSION = List.of(
        "configure terminal",
        "router bgp 65000",
        "bmp server 1",
        "activate",
        "address 10.1.1.1 port-number 8000",
        "description LINE SERVER1",
        "failure-retry-delay 40",
        "flapping-delay 120",
        "initial-delay 20",
        "set ip dscp 5",
        "stats-reporting-period 30",
        "update-source ethernet 0/0",
        "exit-bmp-server-mode",
        "bmp server 2",
        "activate",
        "address 20.1.1.1 port-number 9000",
        "description LINE SERVER2",
        "failure-retry-delay 40",
        "flapping-delay 120",
        "initial-delay 20",
        "set ip dscp 7",
        "stats-reporting-period 30",
        "update-source ethernet 2/0",
        "exit-bmp-server-mode",
        "bmp initial-refresh delay 30",
        "bmp buffer-size 2048",
        "neighbor 30.1.1.1 bmp-activate server 1 server 2",
        "end");

    @Test
    void theSeedsRunningConfigRendersLineForLine() {
        assertThat(CiscoIosRenderer.render(Intents.seedRunningConfig())).isEqualTo(SEED_RUNNING_CONFIG);
    }

    @Test
    void theSeedsConfigurationExampleRendersToTheSeedsSession() {
        assertThat(CiscoIosRenderer.configurationSession(Intents.seedConfiguration())).isEqualTo(SEED_SESSION);
    }

    @Test
    void statsReportingPeriodAndBufferSizeHaveTheirPlaceInTheReadBack() {
        assertThat(CiscoIosRenderer.render(Intents.seedConfiguration())).isEqualTo("""
            bmp server 1
             address 10.1.1.1 port-number 8000
             description SERVER1
             initial-delay 20
             failure-retry-delay 40
             flapping-delay 120
             stats-reporting-period 30
             update-source Ethernet0/0
             set ip dscp 5
             activate
             exit-bmp-server-mode
            bmp server 2
             address 20.1.1.1 port-number 9000
             description SERVER2
             initial-delay 20
             failure-retry-delay 40
             flapping-delay 120
             stats-reporting-period 30
             update-source Ethernet2/0
             set ip dscp 7
             activate
             exit-bmp-server-mode
            bmp buffer-size 2048
            bmp initial-refresh delay 30
            neighbor 30.1.1.1 bmp-activate server 1 server 2
            """);
    }

    @Test
    void passiveStationsAreNotRenderedAndInactiveOnesHaveNoActivate() {
        final var passive = new Station(3, "LISTEN", true, null, 5000, "192.0.2.1", true, null, null, null, null,
            null, null, null, null);
        final var inactive = new Station(4, null, false, "192.0.2.9", 11019, null, false, null, null, null, null,
            null, null, null, null);
        assertThat(CiscoIosRenderer.render(Intents.intent(List.of(passive, inactive), null, List.of())))
            .isEqualTo("""
                bmp server 4
                 address 192.0.2.9 port-number 11019
                 exit-bmp-server-mode
                """);
    }

    @Test
    void skipTakesThePlaceOfTheRefreshDelay() {
        final var config = CiscoIosRenderer.config(Intents.intent(List.of(), new Global(null, 30, true, null),
            List.of()));
        assertThat(config.text()).isEqualTo("bmp initial-refresh skip\n");
        assertThat(IosBmpConfig.parse(config.text())).isEqualTo(config);
    }

    @Test
    void interfaceNamesAreWrittenBackAsIosDoes() {
        assertThat(IosBmpConfig.interfaceName("ethernet 0/0")).isEqualTo("Ethernet0/0");
        assertThat(IosBmpConfig.interfaceName("Ethernet0/0")).isEqualTo("Ethernet0/0");
        assertThat(IosBmpConfig.interfaceName("gigabitethernet 0/0/1")).isEqualTo("GigabitEthernet0/0/1");
        assertThat(IosBmpConfig.interfaceName("loopback 0")).isEqualTo("Loopback0");
        assertThat(IosBmpConfig.interfaceName("port-channel 12")).isEqualTo("Port-channel12");
        assertThat(IosBmpConfig.interfaceName("nve 1")).isEqualTo("Nve1");
    }

    @Test
    void theReadBackParsesToWhatWasRendered() {
        for (var intent : List.of(Intents.seedRunningConfig(), Intents.seedConfiguration())) {
            final var config = CiscoIosRenderer.config(intent);
            final var parsed = IosBmpConfig.parse(config.text());
            assertThat(parsed.text()).isEqualTo(config.text());
            assertThat(CiscoIosDiff.commands(config, parsed)).isEmpty();
            assertThat(parsed.unknownLines()).isEmpty();
        }
    }

    @Test
    void theSeedsTextParsesWithoutItsIndentation() {
        final var parsed = IosBmpConfig.parse(SEED_VERBATIM);
        final var rendered = CiscoIosRenderer.config(Intents.seedRunningConfig());
        assertThat(parsed.servers()).isEqualTo(IosBmpConfig.parse(rendered.text()).servers());
        assertThat(parsed.initialRefreshDelay()).isEqualTo(30);
        assertThat(parsed.unknownLines()).containsExactly("bmp-activate all");
    }

    @Test
    void aRouterBgpParentAndOtherLinesAreSkippedAndNeverChanged() {
        final var parsed = IosBmpConfig.parse("""
            router bgp 65000
             bmp server 1
              address 10.1.1.1 port-number 8000
              some-future-knob 7
              exit-bmp-server-mode
             bmp buffer-size 100
             neighbor 30.1.1.1 bmp-activate all
            """);
        assertThat(parsed.server(1).address()).isEqualTo("10.1.1.1");
        assertThat(parsed.bufferSize()).isEqualTo(100L);
        assertThat(parsed.neighbor("30.1.1.1").all()).isTrue();
        assertThat(parsed.unknownLines()).containsExactly("some-future-knob 7");
        final var desired = new IosBmpConfig(List.of(parsed.server(1)), 100L, null, false, parsed.neighbors(),
            List.of());
        assertThat(CiscoIosDiff.commands(desired, parsed)).isEmpty();
    }

    @Test
    void aChangedSettingIsSentAloneInsideItsServer() {
        final var before = CiscoIosRenderer.config(Intents.seedConfiguration());
        final var intent = Intents.seedConfiguration();
        final var changed = Intents.intent(List.of(Intents.withFlappingDelay(intent.stations().get(0), 60),
            intent.stations().get(1)), intent.global(), intent.activations());
        assertThat(CiscoIosDiff.commands(CiscoIosRenderer.config(changed), before)).containsExactly(
            "bmp server 1", "flapping-delay 60", "exit-bmp-server-mode");
    }

    @Test
    void removedSettingsServersActivationsAndGlobalsAreSentWithNo() {
        final var before = CiscoIosRenderer.config(Intents.seedConfiguration());
        final var intent = Intents.seedConfiguration();
        final var after = Intents.intent(List.of(Intents.withDscp(intent.stations().get(0), null)),
            new Global(null, 30, false, null), List.of(new Activation("30.1.1.1", false, List.of(1), false),
                new Activation("40.1.1.1", true, List.of(), false)));
        assertThat(CiscoIosDiff.commands(CiscoIosRenderer.config(after), before)).containsExactly(
            "no neighbor 30.1.1.1 bmp-activate server 1 server 2",
            "no bmp server 2",
            "bmp server 1", "no set ip dscp 5", "exit-bmp-server-mode",
            "no bmp buffer-size 2048",
            "neighbor 30.1.1.1 bmp-activate server 1",
            "neighbor 40.1.1.1 bmp-activate all");
        assertThat(CiscoIosDiff.commands(IosBmpConfig.EMPTY, before)).containsExactly(
            "no neighbor 30.1.1.1 bmp-activate server 1 server 2", "no bmp server 1", "no bmp server 2",
            "no bmp initial-refresh delay 30", "no bmp buffer-size 2048");
    }

    @Test
    void differencesSayWhatDiffers() {
        final var intent = Intents.seedConfiguration();
        final var changed = Intents.intent(List.of(Intents.withFlappingDelay(intent.stations().get(0), 60)),
            intent.global(), intent.activations());
        assertThat(CiscoIosDiff.differences(CiscoIosRenderer.config(changed),
            CiscoIosRenderer.config(intent))).containsExactly(
                "unexpected 'bmp server 2'",
                "bmp server 1: expected 'flapping-delay 60', found 'flapping-delay 120'");
    }
}
