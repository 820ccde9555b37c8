/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
/**
 * The Kafka export in OpenBMP's message bus formats (API 1.7): {@link io.bmpfleet.kafka.OpenBmpIds} decides every
 * hash ID, {@link io.bmpfleet.kafka.RawHeader} frames a router's BMP message for {@code bmp_raw}, and
 * {@link io.bmpfleet.kafka.ParsedMessage} writes the parsed objects' text messages.
 */
package io.bmpfleet.kafka;
