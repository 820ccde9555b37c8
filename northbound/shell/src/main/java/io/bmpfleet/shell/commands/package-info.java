/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
/**
 * The {@code bmp:} commands of Karaf's console and their tab completion. Each command reads what it shows through
 * bmp-app's published services ({@code MonitoringState}, {@code RouteTables}, the reconciler) and the datastore (the
 * intent and the device status), and leaves the text to {@link io.bmpfleet.shell}. Karaf's shell extender finds
 * them through the bundle's {@code Karaf-Commands} header and injects their {@code @Reference} fields; a command is
 * offered once every service it references is there.
 */
package io.bmpfleet.shell.commands;
