/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.bmpfleet.app.api.MonitoringState;
import io.bmpfleet.app.api.RouteTables;
import io.bmpfleet.app.events.EventBus;
import io.bmpfleet.app.push.DeviceReconciler;
import io.bmpfleet.app.security.AaaLogins;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opendaylight.aaa.api.PasswordCredentialAuth;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC server of {@code bmpfleet.v1}: Intent, Monitoring, Routes, Events and Devices, plus the standard health
 * service and server reflection, over TLS (a configured certificate, or a self-signed one made at first start whose
 * fingerprint is logged) unless configured plaintext, every call but health authenticated against OpenDaylight AAA.
 * {@link #close()} stops the server and every stream.
 */
@Component(service = { }, configurationPid = GrpcConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = GrpcConfig.class)
public final class GrpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);

    private final Server server;
    private final EventsApi events;
    private final RoutesApi routesApi;
    private final HealthStatusManager health = new HealthStatusManager();

    @Activate
    public GrpcServer(@Reference final MonitoringState monitoring, @Reference final RouteTables routes,
            @Reference final EventBus bus, @Reference final DeviceReconciler reconciler,
            @Reference final DataBroker broker, @Reference final DOMDataBroker domBroker,
            @Reference final DOMSchemaService schema, @Reference final PasswordCredentialAuth aaa,
            final GrpcConfig config) {
        this(monitoring, routes, bus, reconciler, broker, new IntentApi(domBroker, schema),
            (user, password) -> AaaLogins.valid(aaa, user, password),
            new InetSocketAddress(config.address(), config.port()), config.plaintext() ? null
                : Path.of(config.certificate()), Path.of(config.key()), config.maxWatchers());
    }

    /**
     * Starts the server.
     *
     * @param monitoring the router sessions
     * @param routes the RIB store
     * @param bus the event bus
     * @param reconciler the reconciler
     * @param broker the data broker (device status)
     * @param intent the intent service, or null for none
     * @param authenticator checks logins
     * @param address where to listen
     * @param certificate the PEM certificate file, or null for plaintext
     * @param key the PEM key file
     * @param maxWatchers event streams open at once
     */
    GrpcServer(final MonitoringState monitoring, final RouteTables routes, final EventBus bus,
            final DeviceReconciler reconciler, final DataBroker broker, final IntentApi intent,
            final Authenticator authenticator,
            final InetSocketAddress address, final Path certificate, final Path key, final int maxWatchers) {
        events = new EventsApi(bus, maxWatchers);
        routesApi = new RoutesApi(routes, bus);
        final var interceptor = new BasicAuthInterceptor(authenticator, Clock.systemUTC());
        final List<BindableService> services = new ArrayList<>(List.of(new MonitoringApi(monitoring),
            routesApi, events, new DevicesApi(broker, reconciler), ProtoReflectionServiceV1.newInstance()));
        if (intent != null) {
            services.add(intent);
        }
        final var builder = NettyServerBuilder.forAddress(address);
        String security = "plaintext (etc/io.bmpfleet.grpc.cfg: plaintext=true)";
        if (certificate != null) {
            try {
                final var tls = ServerCertificate.loadOrCreate(certificate, key);
                builder.sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(tls.certificate().toFile(),
                    tls.key().toFile())).build());
                security = "TLS, certificate " + tls.certificate() + (tls.created() ? " (self-signed, made now)" : "")
                    + ", SHA-256 fingerprint " + tls.fingerprint();
            } catch (IOException e) {
                throw new UncheckedIOException("gRPC server not started: " + e.getMessage(), e);
            }
        }
        for (var service : services) {
            final var intercepted = ServerInterceptors.intercept(service, interceptor);
            builder.addService(intercepted);
            health.setStatus(intercepted.getServiceDescriptor().getName(), ServingStatus.SERVING);
        }
        builder.addService(health.getHealthService());
        try {
            server = builder.build().start();
        } catch (IOException e) {
            events.close();
            routesApi.close();
            throw new UncheckedIOException("gRPC server cannot listen on " + address + ": " + e.getMessage(), e);
        }
        LOG.info("bmpfleet gRPC API on {}: {}", server.getListenSockets(), security);
    }

    /** The port the server listens on (for a server started on port 0). */
    int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    @Deactivate
    @Override
    public void close() {
        health.enterTerminalState();
        server.shutdown();
        events.close();
        routesApi.close();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }
}
