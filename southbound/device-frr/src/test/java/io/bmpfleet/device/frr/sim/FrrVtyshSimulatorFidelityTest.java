/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bmpfleet.device.Endpoint;
import io.bmpfleet.device.frr.lab.FrrSshLab;
import io.bmpfleet.device.ssh.SshConnection;
import io.bmpfleet.device.ssh.SshTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator against the real thing: the same vtysh calls, sent over SSH exactly as the FRR driver sends them,
 * to a real FRR 8.4 bgpd behind a real sshd ({@link FrrSshLab}) and to a {@link FrrVtyshSimulator} set up like
 * it; after every call the exit status, what vtysh printed and the {@code router bgp} block of
 * {@code show running-config} must be the same. The calls cover what the simulator claims to know, FRR's quirks
 * included.
 */
class FrrVtyshSimulatorFidelityTest {
    private static final Logger LOG = LoggerFactory.getLogger(FrrVtyshSimulatorFidelityTest.class);
    private static final long AS = 65001;
    private static final String ADDRESS = "127.0.0.6";
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static FrrSshLab lab;
    private static FrrVtyshSimulator simulator;
    private static SshTransport ssh;
    private static SshConnection real;
    private static SshConnection simulated;

    @BeforeAll
    static void start() throws Exception {
        lab = FrrSshLab.create(Path.of("target", "frr-sim-fidelity"), ADDRESS, AS);
        lab.startBgpd("neighbor 127.0.0.9 remote-as 65001");
        lab.startSshd();
        simulator = FrrVtyshSimulator.builder().credentials(FrrSshLab.USER, lab.password()).bgpAs(AS)
            .routerId(ADDRESS).neighbor("127.0.0.9", AS).vtySocket(lab.vtySocket()).start();
        ssh = new SshTransport(Duration.ofSeconds(10));
        real = ssh.connect(new Endpoint(lab.address(), lab.sshPort(), FrrSshLab.USER, lab.password(), null, null));
        simulated = ssh.connect(simulator.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        for (var connection : new SshConnection[] {real, simulated}) {
            if (connection != null) {
                connection.close();
            }
        }
        if (ssh != null) {
            ssh.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    /** Sends one vtysh call to both and compares what came back, then the configurations. */
    private static void same(final String... commands) throws Exception {
        final var line = new StringBuilder("vtysh --vty_socket ").append(quote(lab.vtySocket()));
        for (var command : commands) {
            line.append(" -c ").append(quote(command));
        }
        final var want = real.exec(line.toString(), LIMIT);
        final var got = simulated.exec(line.toString(), LIMIT);
        LOG.debug("{} -> {} {}", List.of(commands), want.exitStatus(), want.output().strip());
        assertEquals(withoutHeader(want.output()), withoutHeader(got.output()), "output of " + List.of(commands));
        assertEquals(want.exitStatus(), got.exitStatus(), "exit status of " + List.of(commands));
        final var config = "vtysh --vty_socket " + quote(lab.vtySocket()) + " -c 'show running-config'";
        assertEquals(bgpBlock(real.exec(config, LIMIT).output()), bgpBlock(simulated.exec(config, LIMIT).output()),
            "running configuration after " + List.of(commands));
    }

    /** Output with the host-specific lines of a running configuration (version, host name, ...) cut out. */
    private static String withoutHeader(final String output) {
        final var marker = "Current configuration:\n";
        final int start = output.indexOf(marker);
        if (start < 0) {
            return output;
        }
        int end = output.indexOf("\nrouter bgp ", start);
        if (end < 0) {
            end = output.indexOf("\nend\n", start);
        }
        return output.substring(0, start + marker.length()) + "(host lines)" + output.substring(end);
    }

    private static String bgpBlock(final String running) {
        final int start = running.indexOf("\nrouter bgp ");
        return start < 0 ? "(no router bgp)" : running.substring(start + 1);
    }

    private static String quote(final String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static void inBgp(final String... commands) throws Exception {
        final var all = new String[commands.length + 3];
        all[0] = "configure terminal";
        all[1] = "router bgp " + AS;
        System.arraycopy(commands, 0, all, 2, commands.length);
        all[all.length - 1] = "end";
        same(all);
    }

    @Test
    void answersAndConfigurationAreThoseOfBgpd() throws Exception {
        same("show running-config");
        // Everything of the FRR BMP documentation, out of FRR's own order, in several targets.
        inBgp("bmp targets zeta", "bmp connect 10.0.0.2 port 5000 min-retry 100 max-retry 200",
            "bmp connect 10.0.0.10 port 6000 min-retry 1000 max-retry 2000",
            "bmp connect 10.0.0.10 port 5000 max-retry 9000 source-interface lo",
            "bmp connect collector.example port 11019 min-retry 500",
            "bmp listener 0.0.0.0 port 7000", "bmp listener ::1 port 7001", "bmp listener 127.0.0.1 port 6999",
            "bmp listener 2001:DB8:0:0::1 port 6000", "bmp listener ::ffff:1.2.3.4 port 8",
            "bmp monitor ipv6 multicast post-policy", "bmp monitor ipv6 unicast pre-policy",
            "bmp monitor ipv4 multicast pre-policy", "bmp monitor ipv4 unicast post-policy",
            "bmp monitor ipv4 unicast pre-policy", "bmp monitor ipv4 vpn pre-policy", "bmp mirror", "bmp stats",
            "ip access-list a4", "ipv6 access-list a6", "exit",
            "bmp targets alpha", "bmp stats interval 1000", "exit", "bmp targets Beta", "exit",
            "bmp mirror buffer-limit 4096", "address-family ipv4 unicast",
            "neighbor 127.0.0.9 soft-reconfiguration inbound", "exit-address-family",
            "address-family ipv6 multicast", "neighbor 127.0.0.9 soft-reconfiguration inbound",
            "exit-address-family", "address-family ipv6", "neighbor 127.0.0.9 activate",
            "neighbor 127.0.0.9 soft-reconfiguration inbound", "exit-address-family");
        assertTrue(simulator.bmpLines().contains("bmp connect 10.0.0.10 port 5000 min-retry 30000 max-retry 9000"
            + " source-interface lo"), "the comparison is not vacuous: " + simulator.bmpLines());
        // Refusals end vtysh with 1; what ran before them stays.
        inBgp("bmp targets alpha", "bmp mirror", "bmp connect 10.0.0.3 port 5000", "bmp stats interval 9000");
        inBgp("bmp targets alpha", "bmp stats interval 50");
        inBgp("bmp targets alpha", "bmp stats interval 86400001");
        inBgp("bmp targets alpha", "bmp connect 10.0.0.3 port 5000 min-retry 99");
        inBgp("bmp targets alpha", "bmp connect 10.0.0.3 port 70000 min-retry 100");
        inBgp("bmp targets alpha", "bmp listener collector.example port 5");
        inBgp("bmp targets alpha", "bmp monitor ipv4 unicast loc-rib");
        inBgp("bmp targets alpha", "bmp monitor ipv4 unicast");
        inBgp("bmp targets alpha", "ip access-list");
        inBgp("bmp targets A B");
        inBgp("frobnicate");
        same("configure terminal", "router bgp 65002", "bmp targets never", "end");
        same("configure terminal", "bmp targets Beta", "end");
        same("router bgp 65001");
        inBgp("show running-config");
        // Warnings are printed, the next command runs, the exit status stays 0.
        inBgp("bmp targets zeta", "no bmp connect 10.9.9.9 port 5000 min-retry 100", "no bmp mirror", "exit",
            "no bmp targets nope", "bmp targets Beta", "no bmp listener 1.2.3.4 port 5", "bmp mirror");
        // Removing a connect: one retry is enough, none is incomplete; a source interface only goes by another
        // name (FRR 8.4's inverted test).
        inBgp("bmp targets zeta", "no bmp connect 10.0.0.2 port 5000");
        inBgp("bmp targets zeta", "no bmp connect 10.0.0.2 port 5000 min-retry 30000", "bmp stats interval 2000");
        inBgp("bmp targets zeta", "no bmp connect 10.0.0.10 port 5000 min-retry 30000 max-retry 9000");
        inBgp("bmp targets zeta", "no bmp connect 10.0.0.10 port 5000 min-retry 30000 max-retry 9000"
            + " source-interface lo");
        inBgp("bmp targets zeta", "no bmp connect 10.0.0.10 port 5000 max-retry 9000 source-interface eth0");
        // A connect given again keeps what it does not name; min above max is taken as it is.
        inBgp("bmp targets zeta", "bmp connect 10.0.0.10 port 6000 min-retry 3000",
            "bmp connect collector.example port 11019 max-retry 400 source-interface lo",
            "bmp connect 10.0.0.11 port 1 min-retry 5000 max-retry 2000");
        // Commands of the enclosing nodes work inside a block and leave it.
        inBgp("bmp targets alpha", "bmp mirror buffer-limit 5", "bmp mirror", "address-family ipv4 multicast",
            "neighbor 127.0.0.9 soft-reconfiguration inbound", "exit", "neighbor 127.0.0.9 activate");
        inBgp("bmp targets alpha", "neighbor 127.0.0.9 soft-reconfiguration inbound", "bmp mirror");
        inBgp("address-family ipv4 multicast", "bmp targets gamma", "bmp mirror");
        inBgp("address-family ipv4 unicast", "neighbor 127.0.0.8 soft-reconfiguration inbound");
        inBgp("neighbor nobody remote-as 5");
        // l2vpn evpn is written back as 'ipv6 evpn' by bgpd 8.4.
        inBgp("bmp targets Beta", "bmp monitor l2vpn evpn pre-policy", "bmp monitor ipv6 evpn post-policy");
        inBgp("bmp targets Beta", "no bmp monitor ipv6 evpn pre-policy", "no bmp stats", "bmp stats",
            "bmp stats interval 500", "no bmp stats interval 600", "no ip access-list x", "ip access-list y",
            "ip access-list z", "no ipv6 access-list other");
        same("configure terminal", "router bgp", "bmp targets Beta", "!", "  bmp   mirror  ", "do show running-config",
            "exit", "exit", "exit", "exit", "frobnicate");
        same("end", "quit", "frobnicate");
        // Clean-up goes the same way too.
        inBgp("no bmp targets alpha", "no bmp targets Beta", "no bmp targets gamma", "no bmp targets zeta",
            "no bmp mirror buffer-limit", "address-family ipv4 unicast",
            "no neighbor 127.0.0.9 soft-reconfiguration inbound", "exit-address-family",
            "address-family ipv6 unicast", "no neighbor 127.0.0.9 activate", "exit-address-family");
        assertTrue(simulator.bmpLines().stream().noneMatch(l -> l.startsWith("bmp targets")),
            simulator.bmpLines().toString());
    }
}
