/**
 * BMP (RFC 7854, 8671, 9069, 9736) and BGP wire format: decoding and encoding over Netty buffers.
 */
package io.bmpfleet.bmp.codec;
