/*
 * bmpfleet - BMP intent for a fleet of routers.
 */

/**
 * The RIB store the BMP collector feeds: routes per router, peer, RIB and AFI/SAFI, keyed by prefix, Add-Path
 * path ID and route distinguisher, each pointing to an interned, shared {@link io.bmpfleet.rib.AttributeSet}.
 *
 * <p>Entry point: {@link io.bmpfleet.rib.RibStore}. Plain Java: no OpenDaylight, OSGi or Netty types, so the
 * collector, tools and tests use it alike.
 */
package io.bmpfleet.rib;
