/**
 * The {@code bmp-decode} command: the BMP messages of captures or raw streams as JSON lines.
 */
package io.bmpfleet.bmp.codec.tool;
