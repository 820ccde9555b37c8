/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
/**
 * The gRPC northbound ({@code bmpfleet.v1}, see {@code src/main/proto}): one server component over TLS with AAA
 * authentication, one class per gRPC service, reading state only through bmp-app's published services.
 */
package io.bmpfleet.grpc;
