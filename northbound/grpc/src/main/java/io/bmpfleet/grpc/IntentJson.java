/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.bmpfleet.grpc.v1.Activation;
import io.bmpfleet.grpc.v1.Device;
import io.bmpfleet.grpc.v1.Initiation;
import io.bmpfleet.grpc.v1.IntentItems;
import io.bmpfleet.grpc.v1.Management;
import io.bmpfleet.grpc.v1.Rib;
import io.bmpfleet.grpc.v1.RouteMonitoring;
import io.bmpfleet.grpc.v1.Station;
import io.bmpfleet.grpc.v1.Target;
import java.util.Locale;

/**
 * The API's intent items as the intent model's JSON (RFC 7951, RESTCONF's form) and back: the one translation
 * between them, so that what gRPC writes goes through the same parser, types and commit check as a RESTCONF edit.
 */
final class IntentJson {
    static final String MODULE = "bmpfleet-intent";

    private IntentJson() {
        // static only
    }

    /**
     * The document {@code {"bmpfleet-intent:bmpfleet": {"station": [...], "target": [...], "device": [...]}}}.
     *
     * @param items the items
     * @return the document
     */
    static JsonObject document(final IntentItems items) {
        final var intent = new JsonObject();
        if (items.getStationsCount() > 0) {
            final var list = new JsonArray();
            items.getStationsList().forEach(s -> list.add(station(s)));
            intent.add("station", list);
        }
        if (items.getTargetsCount() > 0) {
            final var list = new JsonArray();
            items.getTargetsList().forEach(t -> list.add(target(t)));
            intent.add("target", list);
        }
        if (items.getDevicesCount() > 0) {
            final var list = new JsonArray();
            items.getDevicesList().forEach(d -> list.add(device(d)));
            intent.add("device", list);
        }
        final var document = new JsonObject();
        document.add(MODULE + ":bmpfleet", intent);
        return document;
    }

    private static JsonObject station(final Station station) {
        final var out = new JsonObject();
        out.addProperty("id", Integer.toUnsignedLong(station.getId()));
        if (station.hasDescription()) {
            out.addProperty("description", station.getDescription());
        }
        if (station.hasConnectionMode()) {
            out.addProperty("connection-mode", station.getConnectionMode());
        }
        if (station.hasAddress()) {
            out.addProperty("address", station.getAddress());
        }
        if (station.hasPort()) {
            out.addProperty("port", Integer.toUnsignedLong(station.getPort()));
        }
        if (station.hasListenAddress()) {
            out.addProperty("listen-address", station.getListenAddress());
        }
        if (station.hasActivate()) {
            out.addProperty("activate", station.getActivate());
        }
        if (station.hasInitialDelay()) {
            out.addProperty("initial-delay", Integer.toUnsignedLong(station.getInitialDelay()));
        }
        if (station.hasFailureRetryDelay()) {
            out.addProperty("failure-retry-delay", Integer.toUnsignedLong(station.getFailureRetryDelay()));
        }
        if (station.hasFlappingDelay()) {
            out.addProperty("flapping-delay", Integer.toUnsignedLong(station.getFlappingDelay()));
        }
        if (station.hasMinRetry()) {
            out.addProperty("min-retry", Integer.toUnsignedLong(station.getMinRetry()));
        }
        if (station.hasMaxRetry()) {
            out.addProperty("max-retry", Integer.toUnsignedLong(station.getMaxRetry()));
        }
        if (station.hasDscp()) {
            out.addProperty("dscp", Integer.toUnsignedLong(station.getDscp()));
        }
        if (station.hasStatsReportingPeriod()) {
            out.addProperty("stats-reporting-period", Integer.toUnsignedLong(station.getStatsReportingPeriod()));
        }
        if (station.hasUpdateSource()) {
            out.addProperty("update-source", station.getUpdateSource());
        }
        return out;
    }

    private static JsonObject target(final Target target) {
        final var out = new JsonObject();
        out.addProperty("name", target.getName());
        if (target.getStationsCount() > 0) {
            final var stations = new JsonArray();
            target.getStationsList().forEach(stations::add);
            out.add("station", stations);
        }
        if (target.getRouteMonitoringCount() > 0) {
            final var monitoring = new JsonArray();
            for (var entry : target.getRouteMonitoringList()) {
                final var item = new JsonObject();
                item.addProperty("address-family", entry.getAddressFamily());
                if (entry.getRibsCount() > 0) {
                    final var ribs = new JsonArray();
                    entry.getRibsList().forEach(r -> ribs.add(ribName(r)));
                    item.add("rib", ribs);
                }
                monitoring.add(item);
            }
            out.add("route-monitoring", monitoring);
        }
        if (target.hasStatsInterval()) {
            out.addProperty("stats-interval", Integer.toUnsignedLong(target.getStatsInterval()));
        }
        if (target.hasRouteMirroring()) {
            out.addProperty("route-mirroring", target.getRouteMirroring());
        }
        if (target.hasIpv4AccessList()) {
            out.addProperty("ipv4-access-list", target.getIpv4AccessList());
        }
        if (target.hasIpv6AccessList()) {
            out.addProperty("ipv6-access-list", target.getIpv6AccessList());
        }
        return out;
    }

    private static JsonObject device(final Device device) {
        final var out = new JsonObject();
        out.addProperty("name", device.getName());
        if (!device.getPlatform().isEmpty()) {
            out.addProperty("platform", MODULE + ":" + device.getPlatform());
        }
        if (device.hasEnabled()) {
            out.addProperty("enabled", device.getEnabled());
        }
        if (device.hasManagement()) {
            final var management = device.getManagement();
            final var item = new JsonObject();
            if (management.hasAddress()) {
                item.addProperty("address", management.getAddress());
            }
            if (management.hasPort()) {
                item.addProperty("port", Integer.toUnsignedLong(management.getPort()));
            }
            if (management.hasCredentials()) {
                item.addProperty("credentials", management.getCredentials());
            }
            if (management.hasHostKey()) {
                item.addProperty("host-key", management.getHostKey());
            }
            if (management.hasVtySocket()) {
                item.addProperty("vty-socket", management.getVtySocket());
            }
            out.add("management", item);
        }
        if (device.hasBgpAs()) {
            out.addProperty("bgp-as", Integer.toUnsignedLong(device.getBgpAs()));
        }
        if (device.getTargetsCount() > 0) {
            final var targets = new JsonArray();
            device.getTargetsList().forEach(targets::add);
            out.add("target", targets);
        }
        if (device.hasInitiation()) {
            final var initiation = new JsonObject();
            if (device.getInitiation().hasSysName()) {
                initiation.addProperty("sys-name", device.getInitiation().getSysName());
            }
            if (device.getInitiation().hasSysDescr()) {
                initiation.addProperty("sys-descr", device.getInitiation().getSysDescr());
            }
            out.add("initiation", initiation);
        }
        if (device.getNeighborsCount() > 0) {
            final var neighbors = new JsonArray();
            for (var activation : device.getNeighborsList()) {
                final var item = new JsonObject();
                item.addProperty("selector", activation.getSelector());
                if (activation.getAll()) {
                    final var empty = new JsonArray();
                    empty.add(JsonNull.INSTANCE);
                    item.add("all", empty);
                }
                if (activation.getStationsCount() > 0) {
                    final var stations = new JsonArray();
                    activation.getStationsList().forEach(stations::add);
                    item.add("station", stations);
                }
                if (activation.hasSoftReconfigurationInbound()) {
                    item.addProperty("soft-reconfiguration-inbound", activation.getSoftReconfigurationInbound());
                }
                neighbors.add(item);
            }
            out.add("neighbor", neighbors);
        }
        return out;
    }

    /**
     * The items of an intent document as RESTCONF writes it.
     *
     * @param document {@code {"bmpfleet-intent:bmpfleet": {...}}}, or an empty object when there is no intent
     * @return the stations, targets and devices
     */
    static IntentItems items(final JsonObject document) {
        final var out = IntentItems.newBuilder();
        final var intent = document.getAsJsonObject(MODULE + ":bmpfleet");
        if (intent == null) {
            return out.build();
        }
        for (var element : array(intent, "station")) {
            final var s = element.getAsJsonObject();
            final var station = Station.newBuilder().setId(s.get("id").getAsInt());
            text(s, "description").ifPresent(station::setDescription);
            text(s, "connection-mode").ifPresent(station::setConnectionMode);
            text(s, "address").ifPresent(station::setAddress);
            number(s, "port").ifPresent(station::setPort);
            text(s, "listen-address").ifPresent(station::setListenAddress);
            flag(s, "activate").ifPresent(station::setActivate);
            number(s, "initial-delay").ifPresent(station::setInitialDelay);
            number(s, "failure-retry-delay").ifPresent(station::setFailureRetryDelay);
            number(s, "flapping-delay").ifPresent(station::setFlappingDelay);
            number(s, "min-retry").ifPresent(station::setMinRetry);
            number(s, "max-retry").ifPresent(station::setMaxRetry);
            number(s, "dscp").ifPresent(station::setDscp);
            number(s, "stats-reporting-period").ifPresent(station::setStatsReportingPeriod);
            text(s, "update-source").ifPresent(station::setUpdateSource);
            out.addStations(station);
        }
        for (var element : array(intent, "target")) {
            final var t = element.getAsJsonObject();
            final var target = Target.newBuilder().setName(t.get("name").getAsString());
            array(t, "station").forEach(e -> target.addStations(e.getAsInt()));
            for (var m : array(t, "route-monitoring")) {
                final var entry = RouteMonitoring.newBuilder()
                    .setAddressFamily(strip(m.getAsJsonObject().get("address-family").getAsString()));
                array(m.getAsJsonObject(), "rib").forEach(r -> entry.addRibs(rib(strip(r.getAsString()))));
                target.addRouteMonitoring(entry);
            }
            number(t, "stats-interval").ifPresent(target::setStatsInterval);
            flag(t, "route-mirroring").ifPresent(target::setRouteMirroring);
            text(t, "ipv4-access-list").ifPresent(target::setIpv4AccessList);
            text(t, "ipv6-access-list").ifPresent(target::setIpv6AccessList);
            out.addTargets(target);
        }
        for (var element : array(intent, "device")) {
            final var d = element.getAsJsonObject();
            final var device = Device.newBuilder().setName(d.get("name").getAsString());
            text(d, "platform").ifPresent(p -> device.setPlatform(strip(p)));
            flag(d, "enabled").ifPresent(device::setEnabled);
            if (d.has("management")) {
                final var m = d.getAsJsonObject("management");
                final var management = Management.newBuilder();
                text(m, "address").ifPresent(management::setAddress);
                number(m, "port").ifPresent(management::setPort);
                text(m, "credentials").ifPresent(management::setCredentials);
                text(m, "host-key").ifPresent(management::setHostKey);
                text(m, "vty-socket").ifPresent(management::setVtySocket);
                device.setManagement(management);
            }
            number(d, "bgp-as").ifPresent(device::setBgpAs);
            array(d, "target").forEach(e -> device.addTargets(e.getAsString()));
            if (d.has("initiation")) {
                final var i = d.getAsJsonObject("initiation");
                final var initiation = Initiation.newBuilder();
                text(i, "sys-name").ifPresent(initiation::setSysName);
                text(i, "sys-descr").ifPresent(initiation::setSysDescr);
                device.setInitiation(initiation);
            }
            for (var n : array(d, "neighbor")) {
                final var o = n.getAsJsonObject();
                final var activation = Activation.newBuilder().setSelector(o.get("selector").getAsString())
                    .setAll(o.has("all"));
                array(o, "station").forEach(e -> activation.addStations(e.getAsInt()));
                flag(o, "soft-reconfiguration-inbound").ifPresent(activation::setSoftReconfigurationInbound);
                device.addNeighbors(activation);
            }
            out.addDevices(device);
        }
        return out.build();
    }

    /** The model's name of a RIB. */
    static String ribName(final Rib rib) {
        return switch (rib) {
            case ADJ_RIB_IN_PRE_POLICY -> "adj-rib-in-pre-policy";
            case ADJ_RIB_IN_POST_POLICY -> "adj-rib-in-post-policy";
            case LOC_RIB -> "loc-rib";
            case ADJ_RIB_OUT_PRE_POLICY -> "adj-rib-out-pre-policy";
            case ADJ_RIB_OUT_POST_POLICY -> "adj-rib-out-post-policy";
            default -> throw new IllegalArgumentException("a route-monitoring RIB must be named, not " + rib);
        };
    }

    private static Rib rib(final String name) {
        return switch (name) {
            case "adj-rib-in-pre-policy" -> Rib.ADJ_RIB_IN_PRE_POLICY;
            case "adj-rib-in-post-policy" -> Rib.ADJ_RIB_IN_POST_POLICY;
            case "loc-rib" -> Rib.LOC_RIB;
            case "adj-rib-out-pre-policy" -> Rib.ADJ_RIB_OUT_PRE_POLICY;
            case "adj-rib-out-post-policy" -> Rib.ADJ_RIB_OUT_POST_POLICY;
            default -> Rib.RIB_UNSPECIFIED;
        };
    }

    /** An enumeration or identity value without its module prefix. */
    private static String strip(final String value) {
        final int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(colon + 1).toLowerCase(Locale.ROOT);
    }

    private static Iterable<JsonElement> array(final JsonObject object, final String name) {
        final var element = object.get(name);
        return element == null || !element.isJsonArray() ? new JsonArray() : element.getAsJsonArray();
    }

    private static java.util.Optional<String> text(final JsonObject object, final String name) {
        final var element = object.get(name);
        return element == null || element.isJsonNull() ? java.util.Optional.empty()
            : java.util.Optional.of(element.getAsString());
    }

    private static java.util.OptionalInt number(final JsonObject object, final String name) {
        final var element = object.get(name);
        return element == null || element.isJsonNull() ? java.util.OptionalInt.empty()
            : java.util.OptionalInt.of((int) element.getAsLong());
    }

    private static java.util.Optional<Boolean> flag(final JsonObject object, final String name) {
        final var element = object.get(name);
        return element == null || element.isJsonNull() ? java.util.Optional.empty()
            : java.util.Optional.of(element.getAsBoolean());
    }
}
