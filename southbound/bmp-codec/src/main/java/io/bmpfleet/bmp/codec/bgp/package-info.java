/**
 * BGP wire format inside BMP (RFC 4271, 4760, 6793, 7911, 8654 and the NLRI and attribute RFCs): immutable
 * messages, the zero-allocation {@link io.bmpfleet.bmp.codec.bgp.UpdateParser} with its views, and the encoder.
 */
package io.bmpfleet.bmp.codec.bgp;
