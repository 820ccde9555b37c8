/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
/**
 * The read-only services through which everything outside the data path (the gRPC API, the Karaf shell, the Kafka
 * export) reads what the collector knows: {@link io.bmpfleet.app.api.RouteTables} for routes,
 * {@link io.bmpfleet.app.api.BmpSessions} for the live router sessions as the collector holds them,
 * {@link io.bmpfleet.app.api.MonitoringState} for the sessions, peers and statistics as the state model shows
 * them, and the event bus ({@link io.bmpfleet.app.events.EventBus}) for what happens. None of them can change
 * anything; intent is written through the datastore only.
 */
package io.bmpfleet.app.api;
