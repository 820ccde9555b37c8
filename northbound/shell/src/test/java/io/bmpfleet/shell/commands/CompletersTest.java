/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.shell.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Router;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.state.rev261122.bmpfleet.state.Summary;

class CompletersTest {
    private static final MonitoringState MONITORING = new MonitoringState() {
        @Override
        public List<Router> routers() {
            return List.of(Fixtures.router(Fixtures.peer()), Fixtures.downRouter());
        }

        @Override
        public Optional<Summary> summary() {
            return Optional.empty();
        }
    };

    @Test
    void routersAsAddressPortAndSysName() {
        final var completer = new RouterCompleter();
        completer.monitoring = MONITORING;
        assertThat(complete(completer::complete, "bmp:peers ")).containsExactlyInAnyOrder("127.0.0.1:40000 ",
            "[2001:db8::1]:50123 ", "sim-router-1 ");
        assertThat(complete(completer::complete, "bmp:peers 127")).containsExactly("127.0.0.1:40000 ");
        assertThat(complete(completer::complete, "bmp:peers sim")).containsExactly("sim-router-1 ");
    }

    @Test
    void peersOfTheRouterOnTheLine() {
        final var completer = new PeerCompleter();
        completer.monitoring = MONITORING;
        assertThat(complete(completer::complete, "bmp:rib sim-router-1 ")).containsExactly("192.0.2.7 ");
        assertThat(complete(completer::complete, "bmp:rib --rib post 127.0.0.1:40000 19")).containsExactly(
            "192.0.2.7 ");
        assertThat(complete(completer::complete, "bmp:rib [2001:db8::1]:50123 ")).isEmpty();
    }

    @Test
    void theRouterIsTheFirstArgumentThatIsNoOption() {
        assertThat(PeerCompleter.routerToken(new String[] { "bmp:rib", "127.0.0.1:40000", "" }, 2))
            .isEqualTo("127.0.0.1:40000");
        assertThat(PeerCompleter.routerToken(new String[] { "bmp:rib", "--rib", "post", "r1", "" }, 4))
            .isEqualTo("r1");
        assertThat(PeerCompleter.routerToken(new String[] { "bmp:rib", "" }, 1)).isNull();
    }

    /** What a completer offers at the end of a line, as Karaf's console asks it. */
    private static List<String> complete(final Completion completer, final String buffer) {
        final var arguments = buffer.endsWith(" ") ? (buffer + "x").split(" ") : buffer.split(" ");
        if (buffer.endsWith(" ")) {
            arguments[arguments.length - 1] = "";
        }
        final var cursor = arguments[arguments.length - 1];
        final var line = new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return arguments.length - 1;
            }

            @Override
            public String getCursorArgument() {
                return cursor;
            }

            @Override
            public int getArgumentPosition() {
                return cursor.length();
            }

            @Override
            public String[] getArguments() {
                return arguments;
            }

            @Override
            public int getBufferPosition() {
                return buffer.length();
            }

            @Override
            public String getBuffer() {
                return buffer;
            }
        };
        final var candidates = new ArrayList<String>();
        completer.complete(null, line, candidates);
        return candidates;
    }

    @FunctionalInterface
    private interface Completion {
        int complete(org.apache.karaf.shell.api.console.Session session, CommandLine line, List<String> candidates);
    }
}
