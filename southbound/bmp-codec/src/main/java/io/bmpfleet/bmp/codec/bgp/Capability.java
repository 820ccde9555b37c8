package io.bmpfleet.bmp.codec.bgp;

import io.bmpfleet.bmp.codec.Bytes;
import java.util.List;

/**
 * A BGP capability (RFC 5492) advertised in an OPEN message.
 */
public sealed interface Capability {
    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    int EXTENDED_MESSAGE = 6;
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;
    int ADD_PATH = 69;

    int code();

    /**
     * Multiprotocol extensions (RFC 4760).
     *
     * @param afi address family
     * @param safi subsequent address family
     */
    record Multiprotocol(int afi, int safi) implements Capability {
        @Override
        public int code() {
            return MULTIPROTOCOL;
        }
    }

    /** Route refresh (RFC 2918). */
    record RouteRefresh() implements Capability {
        @Override
        public int code() {
            return ROUTE_REFRESH;
        }
    }

    /** Extended messages (RFC 8654). */
    record ExtendedMessage() implements Capability {
        @Override
        public int code() {
            return EXTENDED_MESSAGE;
        }
    }

    /**
     * Graceful restart (RFC 4724).
     *
     * @param flags the 4 flag bits
     * @param restartTime restart time in seconds (12 bits)
     * @param families per AFI/SAFI entries
     */
    record GracefulRestart(int flags, int restartTime, List<GracefulRestartFamily> families) implements Capability {
        public GracefulRestart {
            families = List.copyOf(families);
        }

        @Override
        public int code() {
            return GRACEFUL_RESTART;
        }
    }

    /**
     * One AFI/SAFI entry of the graceful restart capability.
     *
     * @param afi address family
     * @param safi subsequent address family
     * @param flags forwarding state flags
     */
    record GracefulRestartFamily(int afi, int safi, int flags) {
    }

    /**
     * Support for 4-octet AS numbers (RFC 6793).
     *
     * @param asNumber the speaker's AS number
     */
    record FourOctetAs(long asNumber) implements Capability {
        @Override
        public int code() {
            return FOUR_OCTET_AS;
        }
    }

    /**
     * Add-Path (RFC 7911).
     *
     * @param families per AFI/SAFI entries
     */
    record AddPath(List<AddPathFamily> families) implements Capability {
        public AddPath {
            families = List.copyOf(families);
        }

        @Override
        public int code() {
            return ADD_PATH;
        }
    }

    /**
     * One AFI/SAFI entry of the Add-Path capability.
     *
     * @param afi address family
     * @param safi subsequent address family
     * @param sendReceive 1 receive, 2 send, 3 both
     */
    record AddPathFamily(int afi, int safi, int sendReceive) {
        public boolean canReceive() {
            return (sendReceive & 1) != 0;
        }

        public boolean canSend() {
            return (sendReceive & 2) != 0;
        }
    }

    /**
     * Any other capability, kept raw.
     *
     * @param code capability code
     * @param value capability value
     */
    record Unknown(int code, Bytes value) implements Capability {
    }
}
