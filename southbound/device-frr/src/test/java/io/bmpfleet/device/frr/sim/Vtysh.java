/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr.sim;

import io.bmpfleet.device.frr.sim.BgpdConfig.ActiveKey;
import io.bmpfleet.device.frr.sim.BgpdConfig.Listener;
import io.bmpfleet.device.frr.sim.BgpdConfig.Targets;
import io.bmpfleet.device.frr.sim.CliPattern.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulated vtysh: runs the commands of one {@code vtysh -c ... -c ...} call against a {@link BgpdConfig},
 * one after the other from the enable node, as vtysh 8.4.4 does (checked against a real bgpd 8.4.4, see
 * FrrVtyshSimulatorFidelityTest):
 *
 * <ul>
 *   <li>a command unknown in the current node is tried in the parent nodes up to {@code configure terminal}'s;
 *       where it matches, vtysh stays (so a {@code bmp mirror buffer-limit} inside {@code bmp targets} leaves
 *       the block);</li>
 *   <li>a refused command ({@code % Unknown command: ...}, {@code % Command incomplete: ...}, or a check that
 *       failed, e.g. {@code % Specify remote-as or peer-group commands first}, or the unprefixed
 *       {@code BGP is already running; AS is N}) ends vtysh with exit status 1; what ran before it stays;</li>
 *   <li>a warning ({@code % No such active connection found}, {@code % BMP target group not found},
 *       {@code % BMP listener not found}) is printed and the next command runs; the exit status stays 0;</li>
 *   <li>{@code exit} or {@code quit} at the enable node ends vtysh with 0; {@code end} goes back to it;
 *       {@code do} runs an enable-node command from a configuration node; {@code !} lines are comments.</li>
 * </ul>
 *
 * <p>Everything is printed on standard output, as vtysh does.
 */
final class Vtysh {
    /** The CLI nodes the simulator has; each but the enable node has a parent. */
    enum Node {
        ENABLE(null),
        CONFIG(ENABLE),
        BGP(CONFIG),
        ADDRESS_FAMILY(BGP),
        BMP_TARGETS(BGP);

        private final Node parent;

        Node(final Node parent) {
            this.parent = parent;
        }
    }

    /** What one vtysh call printed and its exit status. */
    record Result(int exitStatus, String output) {
    }

    /** The outcome of one command, as bgpd's CMD_* codes. */
    private enum Status {
        SUCCESS,
        WARNING,
        FAILED
    }

    private record Reply(Status status, String output) {
        static final Reply OK = new Reply(Status.SUCCESS, "");

        static Reply warning(final String text) {
            return new Reply(Status.WARNING, text + "\n");
        }

        static Reply failed(final String text) {
            return new Reply(Status.FAILED, text + "\n");
        }
    }

    @FunctionalInterface
    private interface Handler {
        Reply run(Vtysh vtysh, Map<String, String> values);
    }

    private record Command(Node node, CliPattern pattern, Handler handler) {
    }

    private static final String PEER = "neighbor WORD$peer";
    private static final String RETRY = "(100-86400000)";
    private static final List<Command> COMMANDS = commands();

    private final BgpdConfig config;
    private Node node = Node.ENABLE;
    private String family;
    private String target;
    private boolean ended;

    private Vtysh(final BgpdConfig config) {
        this.config = config;
    }

    /**
     * Runs one vtysh call.
     *
     * @param config the configuration it works on
     * @param commands its {@code -c} commands in order
     * @param failure the simulator's injected answer for a command (see {@code failOn}), or null to run it
     * @return what vtysh printed and its exit status
     */
    static Result run(final BgpdConfig config, final List<String> commands,
            final Function<String, String> failure) {
        final var vtysh = new Vtysh(config);
        final var out = new StringBuilder();
        for (var line : commands) {
            final var words = words(line);
            if (words.isEmpty() || words.get(0).startsWith("!") || words.get(0).startsWith("#")) {
                continue;
            }
            final var injected = failure == null ? null : failure.apply(String.join(" ", words));
            if (injected != null) {
                out.append(injected.isEmpty() ? "% Unknown command: " + line : injected).append('\n');
                return new Result(1, out.toString());
            }
            final var reply = vtysh.execute(line, words);
            out.append(reply.output());
            if (reply.status() == Status.FAILED) {
                return new Result(1, out.toString());
            }
            if (vtysh.ended) {
                break;
            }
        }
        return new Result(0, out.toString());
    }

    /**
     * A command line split at blanks, as FRR's CLI splits it (quotes are ordinary characters).
     *
     * @param line the line
     * @return its words
     */
    static List<String> words(final String line) {
        final var stripped = line.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("[ \\t]+"));
    }

    private Reply execute(final String line, final List<String> words) {
        if (node != Node.ENABLE && words.get(0).equals("do") && words.size() > 1) {
            final var saved = node;
            node = Node.ENABLE;
            final var reply = execute(line, words.subList(1, words.size()));
            node = saved;
            ended = false;
            return reply;
        }
        if (words.size() == 1 && words.get(0).equals("end")) {
            node = Node.ENABLE;
            return Reply.OK;
        }
        var best = find(node, words);
        if (best.match().outcome() == Outcome.INCOMPLETE) {
            return Reply.failed("% Command incomplete: " + line);
        }
        var where = node;
        while (best.match().outcome() == Outcome.NO_MATCH && where.parent != null && where != Node.CONFIG) {
            where = where.parent;
            best = find(where, words);
        }
        if (best.match().outcome() != Outcome.MATCH) {
            return Reply.failed("% Unknown command: " + line);
        }
        final var saved = node;
        node = where;
        final var reply = best.command().handler().run(this, best.match().values());
        if (reply.status() == Status.FAILED && where != saved) {
            node = saved;
        }
        return reply;
    }

    private record Found(Command command, CliPattern.Match match) {
    }

    private static Found find(final Node in, final List<String> words) {
        Found best = new Found(null, CliPattern.Match.NONE);
        for (var command : COMMANDS) {
            if (command.node() == in) {
                final var match = command.pattern().match(words);
                if (match.outcome().compareTo(best.match().outcome()) > 0) {
                    best = new Found(command, match);
                }
            }
        }
        return best;
    }

    private static List<Command> commands() {
        final var all = new ArrayList<Command>();
        add(all, Node.ENABLE, "configure [terminal]", (v, a) -> v.enter(Node.CONFIG));
        add(all, Node.ENABLE, "show running-config", (v, a) -> new Reply(Status.SUCCESS, v.config.text()));
        add(all, Node.ENABLE, "<exit|quit>", (v, a) -> {
            v.ended = true;
            return Reply.OK;
        });

        add(all, Node.CONFIG, "router bgp [(1-4294967295)$as]", Vtysh::routerBgp);
        add(all, Node.CONFIG, "no router bgp [(1-4294967295)$as]", Vtysh::noRouterBgp);
        add(all, Node.CONFIG, "hostname WORD$name", (v, a) -> {
            v.config.hostname = a.get("name");
            return Reply.OK;
        });
        add(all, Node.CONFIG, "<exit|quit>", (v, a) -> v.enter(Node.ENABLE));

        add(all, Node.BGP, "bgp router-id A.B.C.D$id", (v, a) -> {
            v.config.routerId = a.get("id");
            return Reply.OK;
        });
        add(all, Node.BGP, "no bgp router-id [A.B.C.D]", (v, a) -> {
            v.config.routerId = null;
            return Reply.OK;
        });
        add(all, Node.BGP, PEER + " remote-as <(1-4294967295)$remote|internal$remote|external$remote>",
            Vtysh::remoteAs);
        add(all, Node.BGP, "no " + PEER + " [remote-as <(1-4294967295)|internal|external>]", Vtysh::noNeighbor);
        // bgpd's ipv4 unicast shortcuts in the router node
        add(all, Node.BGP, "[no$no] " + PEER + " soft-reconfiguration inbound",
            (v, a) -> v.softReconfiguration("ipv4 unicast", a));
        add(all, Node.BGP, "[no$no] " + PEER + " activate", (v, a) -> v.activate("ipv4 unicast", a));
        add(all, Node.BGP, "address-family <ipv4$afi|ipv6$afi> [<unicast$safi|multicast$safi|vpn$safi"
            + "|labeled-unicast$safi|flowspec$safi>]", Vtysh::addressFamily);
        add(all, Node.BGP, "address-family l2vpn$afi evpn$safi", Vtysh::addressFamily);
        add(all, Node.BGP, "bmp mirror buffer-limit (0-4294967294)$limit", (v, a) -> {
            v.config.mirrorBufferLimit = Long.parseLong(a.get("limit"));
            return Reply.OK;
        });
        add(all, Node.BGP, "no bmp mirror buffer-limit [(0-4294967294)]", (v, a) -> {
            v.config.mirrorBufferLimit = null;
            return Reply.OK;
        });
        add(all, Node.BGP, "bmp targets BMPTARGETS$name", (v, a) -> {
            v.config.targets.computeIfAbsent(a.get("name"), n -> new Targets());
            v.target = a.get("name");
            return v.enter(Node.BMP_TARGETS);
        });
        add(all, Node.BGP, "no bmp targets BMPTARGETS$name", (v, a) -> v.config.targets.remove(a.get("name")) == null
            ? Reply.warning("% BMP target group not found") : Reply.OK);
        add(all, Node.BGP, "<exit|quit>", (v, a) -> v.enter(Node.CONFIG));

        add(all, Node.ADDRESS_FAMILY, "[no$no] " + PEER + " soft-reconfiguration inbound",
            (v, a) -> v.softReconfiguration(v.family, a));
        add(all, Node.ADDRESS_FAMILY, "[no$no] " + PEER + " activate", (v, a) -> v.activate(v.family, a));
        add(all, Node.ADDRESS_FAMILY, "<exit-address-family|exit|quit>", (v, a) -> v.enter(Node.BGP));

        add(all, Node.BMP_TARGETS, "[no$no] bmp connect HOSTNAME$host port (1-65535)$port {min-retry " + RETRY
            + "$min|max-retry " + RETRY + "$max} [source-interface WORD$source]", Vtysh::connect);
        add(all, Node.BMP_TARGETS, "[no$no] bmp listener <X:X::X:X$address|A.B.C.D$address> port (1-65535)$port",
            Vtysh::listener);
        add(all, Node.BMP_TARGETS, "[no$no] <ip$af|ipv6$af> access-list WORD$list", (v, a) -> {
            final var list = a.containsKey("no") ? null : a.get("list");
            if (a.get("af").equals("ip")) {
                v.target().ipv4AccessList = list;
            } else {
                v.target().ipv6AccessList = list;
            }
            return Reply.OK;
        });
        add(all, Node.BMP_TARGETS, "[no$no] bmp stats [interval (100-86400000)$interval]", (v, a) -> {
            v.target().statsInterval = a.containsKey("no") ? 0 : a.containsKey("interval")
                ? Long.parseLong(a.get("interval")) : BgpdConfig.DEFAULT_STATS_INTERVAL;
            return Reply.OK;
        });
        add(all, Node.BMP_TARGETS, "[no$no] bmp monitor <ipv4$afi|ipv6$afi|l2vpn$afi> <unicast$safi|multicast$safi"
            + "|evpn$safi|vpn$safi> <pre-policy$policy|post-policy$policy>", Vtysh::monitor);
        add(all, Node.BMP_TARGETS, "[no$no] bmp mirror", (v, a) -> {
            v.target().mirror = !a.containsKey("no");
            return Reply.OK;
        });
        add(all, Node.BMP_TARGETS, "<exit|quit>", (v, a) -> v.enter(Node.BGP));
        return List.copyOf(all);
    }

    private static void add(final List<Command> all, final Node node, final String pattern, final Handler handler) {
        all.add(new Command(node, CliPattern.of(pattern), handler));
    }

    private Reply enter(final Node next) {
        node = next;
        return Reply.OK;
    }

    private Targets target() {
        return config.targets.get(target);
    }

    private Reply routerBgp(final Map<String, String> values) {
        final var asText = values.get("as");
        if (asText == null) {
            return config.as == null ? Reply.failed("% No BGP process is configured") : enter(Node.BGP);
        }
        final long as = Long.parseLong(asText);
        if (config.as == null) {
            config.as = as;
        } else if (config.as != as) {
            // bgpd 8.4.4 prints this one without a '%'
            return Reply.failed("BGP is already running; AS is " + config.as);
        }
        return enter(Node.BGP);
    }

    private Reply noRouterBgp(final Map<String, String> values) {
        final var asText = values.get("as");
        if (config.as == null) {
            return Reply.failed("% No BGP process is configured");
        }
        if (asText != null && Long.parseLong(asText) != config.as) {
            return Reply.failed("% Can't find BGP instance");
        }
        config.removeBgp();
        return Reply.OK;
    }

    private Reply remoteAs(final Map<String, String> values) {
        if (InetText.parse(values.get("peer")) == null) {
            return Reply.failed("% Create the peer-group or interface first");
        }
        config.neighbors.put(InetText.canonical(values.get("peer")), values.get("remote"));
        return Reply.OK;
    }

    private Reply noNeighbor(final Map<String, String> values) {
        final var peer = InetText.canonical(values.get("peer"));
        config.neighbors.remove(peer);
        config.families.values().forEach(peers -> peers.remove(peer));
        return Reply.OK;
    }

    /** The configured neighbor's canonical address, or null. */
    private String knownPeer(final Map<String, String> values) {
        final var peer = InetText.canonical(values.get("peer"));
        return config.neighbors.containsKey(peer) ? peer : null;
    }

    private Reply softReconfiguration(final String in, final Map<String, String> values) {
        final var peer = knownPeer(values);
        if (peer == null) {
            return Reply.failed("% Specify remote-as or peer-group commands first");
        }
        config.peer(in, peer).softReconfiguration = !values.containsKey("no");
        return Reply.OK;
    }

    private Reply activate(final String in, final Map<String, String> values) {
        final var peer = knownPeer(values);
        if (peer == null) {
            return Reply.failed("% Specify remote-as or peer-group commands first");
        }
        final boolean on = !values.containsKey("no");
        config.peer(in, peer).activate = in.equals("ipv4 unicast") && on ? null : on;
        return Reply.OK;
    }

    private Reply addressFamily(final Map<String, String> values) {
        family = values.get("afi") + " " + values.getOrDefault("safi", "unicast");
        return enter(Node.ADDRESS_FAMILY);
    }

    private Reply connect(final Map<String, String> values) {
        final var key = new ActiveKey(values.get("host"), Integer.parseInt(values.get("port")));
        final var source = values.get("source");
        if (values.containsKey("no")) {
            final var active = target().actives.get(key);
            if (active == null) {
                return Reply.warning("% No such active connection found");
            }
            // bgpd 8.4.4's test is inverted: a connect with a source interface goes only with another name.
            if ((active.sourceInterface != null || source != null)
                && (active.sourceInterface == null || source == null || active.sourceInterface.equals(source))) {
                return Reply.warning("% No such active connection found");
            }
            target().actives.remove(key);
            return Reply.OK;
        }
        final var active = target().actives.computeIfAbsent(key, k -> new BgpdConfig.Active());
        if (source != null) {
            active.sourceInterface = source;
        }
        if (values.containsKey("min")) {
            active.minRetry = Long.parseLong(values.get("min"));
        }
        if (values.containsKey("max")) {
            active.maxRetry = Long.parseLong(values.get("max"));
        }
        return Reply.OK;
    }

    private Reply listener(final Map<String, String> values) {
        final var listener = new Listener(InetText.canonical(values.get("address")),
            Integer.parseInt(values.get("port")));
        if (values.containsKey("no")) {
            return target().listeners.remove(listener) ? Reply.OK : Reply.warning("% BMP listener not found");
        }
        target().listeners.add(listener);
        return Reply.OK;
    }

    private Reply monitor(final Map<String, String> values) {
        final int afi = BgpdConfig.MONITOR_AFIS.indexOf(values.get("afi"));
        final int safi = BgpdConfig.MONITOR_SAFIS.indexOf(values.get("safi"));
        final int bit = values.get("policy").equals("pre-policy") ? BgpdConfig.PRE_POLICY : BgpdConfig.POST_POLICY;
        final var monitor = target().monitor[afi];
        monitor[safi] = values.containsKey("no") ? monitor[safi] & ~bit : monitor[safi] | bit;
        return Reply.OK;
    }
}
