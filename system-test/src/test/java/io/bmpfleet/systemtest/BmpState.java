/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One read of {@code bmpfleet-state:bmpfleet-state} in JSON, with the lookups the real-router test needs: a router
 * session by its sysName, a monitored peer by type and address, a route count by RIB and address family. Values
 * are compared without their module prefix.
 */
final class BmpState {
    private final String json;
    private final List<JsonObject> routers;

    private BmpState(final String json, final List<JsonObject> routers) {
        this.json = json;
        this.routers = routers;
    }

    static BmpState parse(final String json) {
        final var routers = new ArrayList<JsonObject>();
        final var root = JsonParser.parseString(json).getAsJsonObject();
        final var state = root.has("bmpfleet-state:bmpfleet-state")
            ? root.getAsJsonObject("bmpfleet-state:bmpfleet-state") : new JsonObject();
        for (var router : array(state, "router")) {
            routers.add(router.getAsJsonObject());
        }
        return new BmpState(json, List.copyOf(routers));
    }

    List<JsonObject> routers() {
        return routers;
    }

    /** The router sessions whose Initiation carried this sysName. */
    List<JsonObject> routersNamed(final String sysName) {
        return routers.stream().filter(r -> sysName.equals(text(r, "sys-name"))).toList();
    }

    /** The router session with this sysName, the live one first (an ended one may still be listed). */
    Optional<JsonObject> router(final String sysName) {
        final var named = routersNamed(sysName);
        return named.stream().filter(r -> "up".equals(text(r, "state"))).findFirst()
            .or(() -> named.stream().findFirst());
    }

    static List<JsonObject> peers(final JsonObject router) {
        final var out = new ArrayList<JsonObject>();
        for (var peer : array(router, "peer")) {
            out.add(peer.getAsJsonObject());
        }
        return out;
    }

    /** A peer by type, address and BGP ID (FRR also reports a not yet established peer with BGP ID 0.0.0.0). */
    static Optional<JsonObject> peer(final JsonObject router, final int peerType, final String address,
            final String bgpId) {
        return peers(router).stream()
            .filter(p -> number(p, "peer-type") == peerType && address.equals(text(p, "peer-address"))
                && bgpId.equals(text(p, "bgp-id")))
            .findFirst();
    }

    static List<JsonObject> peersOfType(final JsonObject router, final int peerType) {
        return peers(router).stream().filter(p -> number(p, "peer-type") == peerType).toList();
    }

    /** Routes of one table of a peer; -1 when the peer has no such route-count entry. */
    static long routes(final JsonObject peer, final String rib, final String addressFamily) {
        for (var count : array(peer, "route-count")) {
            final var entry = count.getAsJsonObject();
            if (rib.equals(text(entry, "rib")) && addressFamily.equals(text(entry, "address-family"))) {
                return number(entry, "routes");
            }
        }
        return -1;
    }

    /** Sum of all route counts of a peer (0 when it has none). */
    static long allRoutes(final JsonObject peer) {
        long sum = 0;
        for (var count : array(peer, "route-count")) {
            sum += number(count.getAsJsonObject(), "routes");
        }
        return sum;
    }

    static List<JsonObject> statistics(final JsonObject peer) {
        final var out = new ArrayList<JsonObject>();
        for (var stat : array(peer, "statistic")) {
            out.add(stat.getAsJsonObject());
        }
        return out;
    }

    /** The latest {@code received} time of a peer's statistics, as text (ISO-8601 sorts as time), or "". */
    static String lastStatistics(final JsonObject peer) {
        return statistics(peer).stream().map(s -> text(s, "received")).filter(t -> t != null)
            .max(String::compareTo).orElse("");
    }

    /** A leaf as text without module prefix, or null when absent. */
    static String text(final JsonObject object, final String name) {
        final var value = object.get(name);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        final var text = value.isJsonPrimitive() ? value.getAsString() : value.toString();
        final int colon = text.indexOf(':');
        return colon > 0 && text.substring(0, colon).matches("[A-Za-z_][A-Za-z0-9_.-]*") ? text.substring(colon + 1)
            : text;
    }

    static long number(final JsonObject object, final String name) {
        final var value = object.get(name);
        return value == null || value.isJsonNull() ? -1 : value.getAsLong();
    }

    private static JsonArray array(final JsonObject object, final String name) {
        final JsonElement value = object.get(name);
        return value != null && value.isJsonArray() ? value.getAsJsonArray() : new JsonArray();
    }

    @Override
    public String toString() {
        return json;
    }
}
