/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route changes one BGP UPDATE carries (RFC 4271 section 4.3, RFC 4760): withdrawals (Withdrawn Routes and
 * MP_UNREACH_NLRI) and announcements (NLRI and MP_REACH_NLRI), the latter sharing one attribute set.
 * {@link RibStore#apply} performs all withdrawals, then all announcements: an UPDATE may carry both, and dropping
 * either half loses routes (OpenDaylight drops the withdrawals).
 *
 * <p>The attributes are the canonical bytes the caller builds: the UPDATE's path attributes without
 * MP_REACH_NLRI and MP_UNREACH_NLRI, plus what those carried that belongs to the path (the MP next hop), in a
 * stable form. Equal bytes share one {@link AttributeSet}.
 */
public final class RibUpdate {
    private final Map<AfiSafi, List<RouteKey>> withdrawn;
    private final Map<AfiSafi, List<RouteKey>> announced;
    private final byte[] attributes;

    private RibUpdate(final Builder builder) {
        withdrawn = freeze(builder.withdrawn);
        announced = freeze(builder.announced);
        attributes = builder.attributes;
    }

    private static Map<AfiSafi, List<RouteKey>> freeze(final Map<AfiSafi, List<RouteKey>> map) {
        final var copy = new LinkedHashMap<AfiSafi, List<RouteKey>>();
        map.forEach((afiSafi, keys) -> copy.put(afiSafi, List.copyOf(keys)));
        return Collections.unmodifiableMap(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The withdrawals, per address family, in the order given.
     *
     * @return an unmodifiable map
     */
    public Map<AfiSafi, List<RouteKey>> withdrawn() {
        return withdrawn;
    }

    /**
     * The announcements, per address family, in the order given.
     *
     * @return an unmodifiable map
     */
    public Map<AfiSafi, List<RouteKey>> announced() {
        return announced;
    }

    /**
     * The canonical attribute bytes of the announcements.
     *
     * @return a copy, or null when the update announces nothing
     */
    public byte[] attributes() {
        return attributes == null ? null : attributes.clone();
    }

    byte[] attributesNoCopy() {
        return attributes;
    }

    /** Collects an UPDATE's changes. */
    public static final class Builder {
        private final Map<AfiSafi, List<RouteKey>> withdrawn = new LinkedHashMap<>();
        private final Map<AfiSafi, List<RouteKey>> announced = new LinkedHashMap<>();
        private byte[] attributes;

        private Builder() {
            // via RibUpdate.builder()
        }

        public Builder withdraw(final AfiSafi afiSafi, final RouteKey key) {
            withdrawn.computeIfAbsent(afiSafi, unused -> new ArrayList<>()).add(checkFamily(afiSafi, key));
            return this;
        }

        public Builder withdraw(final AfiSafi afiSafi, final Prefix prefix) {
            return withdraw(afiSafi, RouteKey.of(prefix));
        }

        public Builder announce(final AfiSafi afiSafi, final RouteKey key) {
            announced.computeIfAbsent(afiSafi, unused -> new ArrayList<>()).add(checkFamily(afiSafi, key));
            return this;
        }

        public Builder announce(final AfiSafi afiSafi, final Prefix prefix) {
            return announce(afiSafi, RouteKey.of(prefix));
        }

        /**
         * Sets the canonical attribute bytes shared by the announcements; the bytes are copied.
         *
         * @param buf the buffer
         * @param offset where the bytes start
         * @param length how many bytes
         * @return this builder
         */
        public Builder attributes(final byte[] buf, final int offset, final int length) {
            attributes = Arrays.copyOfRange(buf, offset, offset + length);
            return this;
        }

        public Builder attributes(final byte[] bytes) {
            return attributes(bytes, 0, bytes.length);
        }

        // Checked here, so that RibStore.apply never fails half-way through an UPDATE.
        private static RouteKey checkFamily(final AfiSafi afiSafi, final RouteKey key) {
            if (!afiSafi.isPrefixFamily()) {
                throw new IllegalArgumentException("AFI/SAFI " + afiSafi + " is not keyed by prefix");
            }
            if (key.prefix().isIpv6() != afiSafi.isIpv6()) {
                throw new IllegalArgumentException(key.prefix() + " does not belong to AFI/SAFI " + afiSafi);
            }
            return key;
        }

        /**
         * Builds the update.
         *
         * @return the update
         * @throws IllegalStateException when there are announcements but no attributes
         */
        public RibUpdate build() {
            if (!announced.isEmpty() && attributes == null) {
                throw new IllegalStateException("announcements need attributes");
            }
            return new RibUpdate(this);
        }
    }
}
