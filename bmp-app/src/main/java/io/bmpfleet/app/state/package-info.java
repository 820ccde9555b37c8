/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
/**
 * The operational state bmpfleet publishes: device status, and later sessions, peers and statistics.
 */
package io.bmpfleet.app.state;
