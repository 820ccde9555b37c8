/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
/**
 * The monitoring event bus: session, peer, route and statistics events for subscribers (gRPC streams, later
 * Kafka), each with its own bounded buffer.
 */
package io.bmpfleet.app.events;
