/**
 * The BMP collector: where the routers' BMP sessions end. Netty listeners (routers that connect) and dialers
 * (routers that listen), framing by the BMP common header, one decoding session and one {@link RouterState} per
 * router connection. The event loop reads and frames; the session's worker decodes and applies, taking turns with
 * the worker's other sessions. A session's backlog is bounded by the session buffer limit, beyond which it is not
 * read (TCP pushes back on the router).
 */
package io.bmpfleet.bmp.collector;
