/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.credentials;

import com.google.common.util.concurrent.ListenableFuture;
import io.bmpfleet.app.intent.IntentValidator;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RemoveCredentials;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RemoveCredentialsInput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RemoveCredentialsOutput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RemoveCredentialsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SetCredentials;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SetCredentialsInput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SetCredentialsOutput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SetCredentialsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.Collector;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code set-credentials} and {@code remove-credentials} RPCs of {@code bmpfleet-intent}, over the
 * {@link CredentialStore}. A credential set the collector's intent uses as a TCP-MD5 key must be one: a password
 * that is not ({@link TcpMd5Key}) is refused here, when it is set, not later on the socket.
 */
@Component(service = { })
public final class CredentialsRpcs implements AutoCloseable {
    private static final InstanceIdentifier<Collector> COLLECTOR = InstanceIdentifier.create(Bmpfleet.class)
        .child(Collector.class);
    private static final long READ_TIMEOUT_SECONDS = 10;

    private final DataBroker broker;
    private final CredentialStore store;
    private final Registration registration;

    @Activate
    public CredentialsRpcs(@Reference final DataBroker broker, @Reference final RpcProviderService rpcProvider,
            @Reference final CredentialStore store) {
        this.broker = broker;
        this.store = store;
        registration = rpcProvider.registerRpcImplementations(
            (SetCredentials) this::setCredentials, (RemoveCredentials) this::removeCredentials);
    }

    ListenableFuture<RpcResult<SetCredentialsOutput>> setCredentials(final SetCredentialsInput input) {
        final String name = input.getName().getValue();
        final String md5Problem;
        try {
            md5Problem = md5Problem(name, input.getPassword());
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return RpcResultBuilder.<SetCredentialsOutput>failed().withError(ErrorType.APPLICATION,
                "cannot read the collector's intent to check its TCP-MD5 keys: " + e.getMessage(), e).buildFuture();
        }
        if (md5Problem != null) {
            return RpcResultBuilder.<SetCredentialsOutput>failed().withError(ErrorType.APPLICATION, md5Problem)
                .buildFuture();
        }
        try {
            store.put(name, new Credential(input.getUsername(), input.getPassword(), input.getEnableSecret()));
        } catch (UncheckedIOException | IllegalStateException e) {
            return RpcResultBuilder.<SetCredentialsOutput>failed()
                .withError(ErrorType.APPLICATION, e.getMessage(), e).buildFuture();
        }
        return RpcResultBuilder.success(new SetCredentialsOutputBuilder().build()).buildFuture();
    }

    /** Why this password cannot be the credential set's, when the collector signs with it; null if it can. */
    private String md5Problem(final String name, final String password)
            throws InterruptedException, ExecutionException, TimeoutException {
        final Optional<Collector> collector;
        try (var tx = broker.newReadOnlyTransaction()) {
            collector = tx.read(LogicalDatastoreType.CONFIGURATION, COLLECTOR)
                .get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        if (collector.isEmpty()) {
            return null;
        }
        String user = null;
        for (var md5 : collector.orElseThrow().nonnullTcpMd5().values()) {
            if (md5.getCredentials() != null && name.equals(md5.getCredentials().getValue())) {
                user = "router " + IntentValidator.addressText(md5.getRouter(), "-") + " (collector tcp-md5)";
            }
        }
        for (var dial : collector.orElseThrow().nonnullDial().values()) {
            if (dial.getTcpMd5Credentials() != null && name.equals(dial.getTcpMd5Credentials().getValue())) {
                user = "dialled router " + dial.getName().getValue();
            }
        }
        final var problem = user == null ? null : TcpMd5Key.problem(password);
        return problem == null ? null : "credentials " + name + " are the TCP-MD5 key of " + user + ": " + problem;
    }


    ListenableFuture<RpcResult<RemoveCredentialsOutput>> removeCredentials(final RemoveCredentialsInput input) {
        final boolean removed;
        try {
            removed = store.remove(input.getName().getValue());
        } catch (UncheckedIOException e) {
            return RpcResultBuilder.<RemoveCredentialsOutput>failed()
                .withError(ErrorType.APPLICATION, e.getMessage(), e).buildFuture();
        }
        if (!removed) {
            return RpcResultBuilder.<RemoveCredentialsOutput>failed()
                .withError(ErrorType.APPLICATION, "no credentials named " + input.getName().getValue())
                .buildFuture();
        }
        return RpcResultBuilder.success(new RemoveCredentialsOutputBuilder().build()).buildFuture();
    }

    @Deactivate
    @Override
    public void close() {
        registration.close();
    }
}
