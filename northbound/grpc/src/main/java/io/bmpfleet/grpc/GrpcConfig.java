/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The gRPC server's configuration: PID {@code io.bmpfleet.grpc}, file {@code etc/io.bmpfleet.grpc.cfg}. */
@ObjectClassDefinition(id = GrpcConfig.PID, name = "bmpfleet gRPC API")
public @interface GrpcConfig {
    /** The configuration PID. */
    String PID = "io.bmpfleet.grpc";

    @AttributeDefinition(description = "Address the gRPC server listens on")
    String address() default "0.0.0.0";

    @AttributeDefinition(description = "TCP port of the gRPC server")
    int port() default 50061;

    @AttributeDefinition(description = "Serve without TLS (only for a trusted network: credentials travel in clear)")
    boolean plaintext() default false;

    @AttributeDefinition(description = "PEM certificate (chain) of the server; made self-signed at first start when"
        + " neither it nor the key exists")
    String certificate() default "etc/bmpfleet-grpc/server.crt";

    @AttributeDefinition(description = "PEM private key (PKCS#8) of the server certificate")
    String key() default "etc/bmpfleet-grpc/server.key";

    @AttributeDefinition(description = "Event streams (Watch) open at once; more are refused with RESOURCE_EXHAUSTED")
    int maxWatchers() default 64;
}
