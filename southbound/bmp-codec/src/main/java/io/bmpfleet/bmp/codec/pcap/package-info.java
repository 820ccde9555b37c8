/**
 * Reading BMP out of files: pcap and pcapng captures (link layer, IP, TCP reassembly per flow) and raw BMP
 * streams, with resynchronisation of streams that start mid-message.
 */
package io.bmpfleet.bmp.codec.pcap;
