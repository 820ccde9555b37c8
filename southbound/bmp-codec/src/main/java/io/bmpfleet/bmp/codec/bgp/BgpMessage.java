package io.bmpfleet.bmp.codec.bgp;

import io.bmpfleet.bmp.codec.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * A BGP message (RFC 4271 section 4) as carried inside BMP.
 */
public sealed interface BgpMessage {
    int OPEN = 1;
    int UPDATE = 2;
    int NOTIFICATION = 3;
    int KEEPALIVE = 4;
    int ROUTE_REFRESH = 5;

    int type();

    /**
     * An OPEN message (RFC 4271 section 4.2), capabilities flattened from all capability parameters.
     *
     * @param version BGP version, 4
     * @param myAs the 2-octet My Autonomous System field (AS_TRANS 23456 for 4-octet speakers)
     * @param holdTime hold time in seconds
     * @param bgpId BGP identifier, unsigned 32 bits
     * @param capabilities capabilities in wire order
     * @param otherParameters optional parameters other than capabilities, kept raw
     */
    record Open(int version, int myAs, int holdTime, long bgpId, List<Capability> capabilities,
            List<OptionalParameter> otherParameters) implements BgpMessage {
        public Open {
            capabilities = List.copyOf(capabilities);
            otherParameters = List.copyOf(otherParameters);
        }

        @Override
        public int type() {
            return OPEN;
        }

        /**
         * Returns the speaker's AS: the 4-octet AS capability if present, else My AS.
         *
         * @return AS number
         */
        public long asNumber() {
            for (Capability cap : capabilities) {
                if (cap instanceof Capability.FourOctetAs four) {
                    return four.asNumber();
                }
            }
            return myAs;
        }

        /**
         * Returns the Add-Path entries of all Add-Path capabilities.
         *
         * @return entries, possibly empty
         */
        public List<Capability.AddPathFamily> addPathFamilies() {
            final List<Capability.AddPathFamily> out = new ArrayList<>();
            for (Capability cap : capabilities) {
                if (cap instanceof Capability.AddPath addPath) {
                    out.addAll(addPath.families());
                }
            }
            return out;
        }

        public boolean hasCapability(final int code) {
            return capabilities.stream().anyMatch(cap -> cap.code() == code);
        }
    }

    /**
     * An optional parameter of an OPEN other than capabilities (type 2).
     *
     * @param type parameter type
     * @param value parameter value
     */
    record OptionalParameter(int type, Bytes value) {
    }

    /**
     * An UPDATE message (RFC 4271 section 4.3). IPv4 unicast routes travel in {@code withdrawn} and {@code nlri};
     * other families in the MP_REACH_NLRI and MP_UNREACH_NLRI attributes.
     *
     * @param withdrawn withdrawn routes field
     * @param attributes path attributes in wire order
     * @param nlri network layer reachability information field
     */
    record Update(List<Nlri> withdrawn, List<PathAttribute> attributes, List<Nlri> nlri) implements BgpMessage {
        public Update {
            withdrawn = List.copyOf(withdrawn);
            attributes = List.copyOf(attributes);
            nlri = List.copyOf(nlri);
        }

        @Override
        public int type() {
            return UPDATE;
        }

        /**
         * Returns all announced routes: the NLRI field and every MP_REACH_NLRI.
         *
         * @return announced routes
         */
        public List<Nlri> announced() {
            final List<Nlri> out = new ArrayList<>(nlri);
            for (PathAttribute attr : attributes) {
                if (attr instanceof PathAttribute.MpReach mp) {
                    out.addAll(mp.nlri());
                }
            }
            return out;
        }

        /**
         * Returns all withdrawn routes: the withdrawn routes field and every MP_UNREACH_NLRI.
         *
         * @return withdrawn routes
         */
        public List<Nlri> withdrawnAll() {
            final List<Nlri> out = new ArrayList<>(withdrawn);
            for (PathAttribute attr : attributes) {
                if (attr instanceof PathAttribute.MpUnreach mp) {
                    out.addAll(mp.withdrawn());
                }
            }
            return out;
        }

        /**
         * Returns the first attribute of the given class, or null.
         *
         * @param <T> attribute class
         * @param type attribute class
         * @return the attribute or null
         */
        public <T extends PathAttribute> T attribute(final Class<T> type) {
            for (PathAttribute attr : attributes) {
                if (type.isInstance(attr)) {
                    return type.cast(attr);
                }
            }
            return null;
        }

        /**
         * Returns the AS path as the sender meant it: AS_PATH merged with AS4_PATH per RFC 6793 section 4.2.3
         * when the session used 2-octet AS numbers, else AS_PATH.
         *
         * @return the effective AS path, empty when there is none
         */
        public List<PathAttribute.AsPathSegment> effectiveAsPath() {
            final PathAttribute.AsPath asPath = attribute(PathAttribute.AsPath.class);
            final PathAttribute.As4Path as4Path = attribute(PathAttribute.As4Path.class);
            if (asPath == null) {
                return List.of();
            }
            if (as4Path == null) {
                return asPath.segments();
            }
            return PathAttribute.mergeAs4Path(asPath.segments(), as4Path.segments());
        }
    }

    /**
     * A NOTIFICATION message (RFC 4271 section 4.5).
     *
     * @param code error code
     * @param subcode error subcode
     * @param data data
     */
    record Notification(int code, int subcode, Bytes data) implements BgpMessage {
        @Override
        public int type() {
            return NOTIFICATION;
        }
    }

    /** A KEEPALIVE message. */
    record Keepalive() implements BgpMessage {
        @Override
        public int type() {
            return KEEPALIVE;
        }
    }

    /**
     * A ROUTE-REFRESH message (RFC 2918, RFC 7313).
     *
     * @param afi address family
     * @param subtype reserved octet / subtype
     * @param safi subsequent address family
     */
    record RouteRefresh(int afi, int subtype, int safi) implements BgpMessage {
        @Override
        public int type() {
            return ROUTE_REFRESH;
        }
    }

    /**
     * A message of another type, kept raw.
     *
     * @param type message type
     * @param body the bytes after the 19-octet header
     */
    record Unknown(int type, Bytes body) implements BgpMessage {
    }
}
