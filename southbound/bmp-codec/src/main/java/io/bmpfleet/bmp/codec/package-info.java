/**
 * BMP (RFC 7854, 8671, 9069, 9736) and BGP wire format: decoding and encoding over Netty buffers.
 *
 * <p>Entry points: {@link io.bmpfleet.bmp.codec.BmpFraming} cuts a stream into messages;
 * {@link io.bmpfleet.bmp.codec.BmpSession} decodes the messages of one router connection, keeping the Add-Path
 * state of each peer from its Peer Up; {@link io.bmpfleet.bmp.codec.BmpDecoder} decodes one message into a
 * {@link io.bmpfleet.bmp.codec.BmpMessage} record, or visits a Route Monitoring message without allocating
 * ({@link io.bmpfleet.bmp.codec.RouteMonitoringVisitor}); {@link io.bmpfleet.bmp.codec.BmpEncoder} writes records
 * back. The only exception of the decoders is {@link io.bmpfleet.bmp.codec.BmpDecodeException}.
 */
package io.bmpfleet.bmp.codec;
