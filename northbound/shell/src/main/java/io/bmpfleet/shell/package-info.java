/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
/**
 * What the Karaf console's {@code bmp:} commands print, as plain text built from the state model's binding objects,
 * the intent and the RIB store's tables: the fleet as Cisco's {@code show ip bgp bmp ...} shows one router. Nothing
 * here depends on Karaf; the commands themselves are in {@link io.bmpfleet.shell.commands}.
 */
package io.bmpfleet.shell;
