/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import io.bmpfleet.app.intent.IntentValidator;
import io.bmpfleet.app.intent.PlatformSupport;
import io.bmpfleet.device.DeviceIntent;
import io.bmpfleet.device.DeviceIntent.Activation;
import io.bmpfleet.device.DeviceIntent.Family;
import io.bmpfleet.device.DeviceIntent.Global;
import io.bmpfleet.device.DeviceIntent.Initiation;
import io.bmpfleet.device.DeviceIntent.Rib;
import io.bmpfleet.device.DeviceIntent.Station;
import io.bmpfleet.device.DeviceIntent.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.AddressFamily;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.CiscoIos;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Frr;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Gobgp;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.NetconfIetfBmp;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Platform;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Device;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device.neighbor.activation.All;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.global.initial.refresh.InitialRefreshDelay;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.global.initial.refresh.InitialRefreshSkip;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The intent compiler's first half: from the stations, targets, activations and global knobs that apply to one
 * device, that device's {@link DeviceIntent}, the platform-neutral form every driver renders. It owns the defaults
 * the YANG model states (station port 11019, active mode, activate, soft-reconfiguration) and the management port
 * defaults per platform; what a platform cannot carry is listed by {@link PlatformSupport}.
 */
public final class IntentCompiler {
    /** The YANG default of a station's port (the IANA BMP port). */
    public static final int DEFAULT_STATION_PORT = 11019;
    static final int DEFAULT_SSH_PORT = 22;
    static final int DEFAULT_GOBGP_PORT = 50051;

    private IntentCompiler() {
        // static only
    }

    /**
     * The platform's name as drivers know it: the identity's local name ({@code frr}, {@code gobgp}, ...).
     *
     * @param platform the intent's platform identity
     * @return its name
     */
    public static String platformName(final Platform platform) {
        if (platform instanceof Frr) {
            return "frr";
        } else if (platform instanceof Gobgp) {
            return "gobgp";
        } else if (platform instanceof CiscoIos) {
            return "cisco-ios";
        } else if (platform instanceof NetconfIetfBmp) {
            return "netconf-ietf-bmp";
        }
        return platform.implementedInterface().getSimpleName();
    }

    /**
     * The management port: the intent's, else the platform's default (SSH 22; GoBGP's gRPC API 50051).
     *
     * @param device the device
     * @return the port
     */
    public static int managementPort(final Device device) {
        final var management = device.getManagement();
        if (management != null && management.getPort() != null) {
            return management.getPort().getValue().intValue();
        }
        return device.getPlatform() instanceof Gobgp ? DEFAULT_GOBGP_PORT : DEFAULT_SSH_PORT;
    }

    /**
     * Compiles one device's intent.
     *
     * @param device the device
     * @param intent the whole intent
     * @return what the device must carry
     */
    public static DeviceIntent compile(final Device device, final Bmpfleet intent) {
        final var targets = PlatformSupport.targetsOf(device, intent);
        final var stations = new ArrayList<Station>();
        for (var station : PlatformSupport.stationsOf(targets, intent)) {
            final boolean passive =
                station.getConnectionMode() == org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122
                    .bmpfleet.Station.ConnectionMode.Passive;
            stations.add(new Station(station.getId().getValue().toJava(), station.getDescription(), passive,
                IntentValidator.addressText(station.getAddress(), null),
                station.getPort() == null ? DEFAULT_STATION_PORT : station.getPort().getValue().intValue(),
                IntentValidator.addressText(station.getListenAddress(), null),
                !Boolean.FALSE.equals(station.getActivate()),
                toInt(station.getInitialDelay() == null ? null : station.getInitialDelay().getValue()),
                toInt(station.getFailureRetryDelay() == null ? null : station.getFailureRetryDelay().getValue()),
                toInt(station.getFlappingDelay() == null ? null : station.getFlappingDelay().getValue()),
                toLong(station.getMinRetry() == null ? null : station.getMinRetry().getValue()),
                toLong(station.getMaxRetry() == null ? null : station.getMaxRetry().getValue()),
                station.getDscp() == null ? null : (int) station.getDscp().getValue().toJava(),
                station.getStatsReportingPeriod() == null ? null : station.getStatsReportingPeriod().toJava(),
                station.getUpdateSource()));
        }
        final var compiledTargets = new ArrayList<Target>();
        for (var target : targets) {
            final Map<Family, Set<Rib>> monitoring = new EnumMap<>(Family.class);
            for (var entry : target.nonnullRouteMonitoring().values()) {
                final var ribs = EnumSet.noneOf(Rib.class);
                if (entry.getRib() != null) {
                    entry.getRib().forEach(rib -> ribs.add(rib(rib)));
                }
                monitoring.put(family(entry.getAddressFamily()), ribs);
            }
            compiledTargets.add(new Target(target.getName().getValue(),
                target.getStation() == null ? List.of() : target.getStation().stream()
                    .map(id -> id.getValue().toJava()).toList(),
                monitoring, target.getStatsInterval() == null ? null : target.getStatsInterval().toJava(),
                Boolean.TRUE.equals(target.getRouteMirroring()),
                target.getIpv4AccessList() == null ? null : target.getIpv4AccessList().getValue(),
                target.getIpv6AccessList() == null ? null : target.getIpv6AccessList().getValue()));
        }
        final var activations = new ArrayList<Activation>();
        for (var neighbor : device.nonnullNeighbor().values()) {
            final var selector = IntentValidator.selectorText(neighbor);
            final boolean soft = !Boolean.FALSE.equals(neighbor.getSoftReconfigurationInbound());
            if (neighbor.getActivation() instanceof All) {
                activations.add(new Activation(selector, true, List.of(), soft));
            } else if (neighbor.getActivation()
                instanceof org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.device.neighbor
                    .activation.Station selected) {
                activations.add(new Activation(selector, false, selected.getStation() == null ? List.of()
                    : selected.getStation().stream().map(id -> id.getValue().toJava()).sorted().toList(), soft));
            } else {
                activations.add(new Activation(selector, false, List.of(), soft));
            }
        }
        activations.sort(Comparator.comparing(Activation::selector));
        return new DeviceIntent(device.getName().getValue(), device.getBgpAs() == null ? 0
            : device.getBgpAs().getValue().toJava(), global(intent), stations, compiledTargets, activations,
            device.getInitiation() == null ? Initiation.NONE : new Initiation(device.getInitiation().getSysName(),
                device.getInitiation().getSysDescr()),
            device.getManagement() == null ? null : device.getManagement().getVtySocket());
    }

    private static Global global(final Bmpfleet intent) {
        final var global = intent.getGlobal();
        if (global == null) {
            return Global.NONE;
        }
        Integer delay = null;
        boolean skip = false;
        if (global.getInitialRefresh() instanceof InitialRefreshDelay refresh) {
            delay = refresh.getInitialRefreshDelay().getValue().toJava();
        } else if (global.getInitialRefresh() instanceof InitialRefreshSkip) {
            skip = true;
        }
        return new Global(toLong(global.getBufferSize()), delay, skip, toLong(global.getMirrorBufferLimit()));
    }

    private static Integer toInt(final org.opendaylight.yangtools.yang.common.Uint16 value) {
        return value == null ? null : value.toJava();
    }

    private static Long toLong(final Uint32 value) {
        return value == null ? null : value.toJava();
    }

    static Family family(final AddressFamily family) {
        return switch (family) {
            case Ipv4Unicast -> Family.IPV4_UNICAST;
            case Ipv6Unicast -> Family.IPV6_UNICAST;
            case Ipv4Multicast -> Family.IPV4_MULTICAST;
            case Ipv6Multicast -> Family.IPV6_MULTICAST;
            case Ipv4LabeledUnicast -> Family.IPV4_LABELED_UNICAST;
            case Ipv6LabeledUnicast -> Family.IPV6_LABELED_UNICAST;
            case Ipv4Vpn -> Family.IPV4_VPN;
            case Ipv6Vpn -> Family.IPV6_VPN;
            case L2vpnEvpn -> Family.L2VPN_EVPN;
        };
    }

    static Rib rib(final org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Rib rib) {
        return switch (rib) {
            case AdjRibInPrePolicy -> Rib.ADJ_RIB_IN_PRE_POLICY;
            case AdjRibInPostPolicy -> Rib.ADJ_RIB_IN_POST_POLICY;
            case LocRib -> Rib.LOC_RIB;
            case AdjRibOutPrePolicy -> Rib.ADJ_RIB_OUT_PRE_POLICY;
            case AdjRibOutPostPolicy -> Rib.ADJ_RIB_OUT_POST_POLICY;
        };
    }
}
