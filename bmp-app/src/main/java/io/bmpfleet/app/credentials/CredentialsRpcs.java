/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.credentials;

import com.google.common.util.concurrent.ListenableFuture;
import java.io.UncheckedIOException;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RemoveCredentials;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RemoveCredentialsInput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RemoveCredentialsOutput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.RemoveCredentialsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SetCredentials;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SetCredentialsInput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SetCredentialsOutput;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.SetCredentialsOutputBuilder;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code set-credentials} and {@code remove-credentials} RPCs of {@code bmpfleet-intent}, over a
 * {@link CredentialStore} in Karaf's {@code etc}.
 */
@Component(service = { })
public final class CredentialsRpcs implements AutoCloseable {
    private final CredentialStore store;
    private final Registration registration;

    @Activate
    public CredentialsRpcs(@Reference final RpcProviderService rpcProvider) {
        this(rpcProvider, new CredentialStore(CredentialStore.defaultFile()));
    }

    public CredentialsRpcs(final RpcProviderService rpcProvider, final CredentialStore store) {
        this.store = store;
        registration = rpcProvider.registerRpcImplementations(
            (SetCredentials) this::setCredentials, (RemoveCredentials) this::removeCredentials);
    }

    ListenableFuture<RpcResult<SetCredentialsOutput>> setCredentials(final SetCredentialsInput input) {
        try {
            store.put(input.getName().getValue(),
                new Credential(input.getUsername(), input.getPassword(), input.getEnableSecret()));
        } catch (UncheckedIOException e) {
            return RpcResultBuilder.<SetCredentialsOutput>failed()
                .withError(ErrorType.APPLICATION, e.getMessage(), e).buildFuture();
        }
        return RpcResultBuilder.success(new SetCredentialsOutputBuilder().build()).buildFuture();
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
