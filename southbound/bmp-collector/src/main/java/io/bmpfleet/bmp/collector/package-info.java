/**
 * The BMP collector: where the routers' BMP sessions end. Netty listeners (routers that connect) and dialers
 * (routers that listen), framing by the BMP common header, one decoding session and one {@link RouterState} per
 * router connection. Messages are decoded on the connection's event loop as they are read, so a router that sends
 * faster than it can be processed is slowed by TCP itself; nothing queues up unbounded.
 */
package io.bmpfleet.bmp.collector;
