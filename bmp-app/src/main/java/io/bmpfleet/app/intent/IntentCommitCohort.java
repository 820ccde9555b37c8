/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.intent;

import com.google.common.util.concurrent.FluentFuture;
import java.util.Collection;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.binding.dom.adapter.AdapterContext;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes part in every commit that touches the intent ({@code /bmpfleet} in the configuration datastore) and
 * refuses it when {@link IntentValidator} finds a violation; the datastore keeps what it had. RESTCONF answers
 * such an edit with an error whose error-info lists every violation, each as "path: rule".
 */
@Component(service = { })
public final class IntentCommitCohort implements DOMDataTreeCommitCohort, AutoCloseable {
    static final InstanceIdentifier<Bmpfleet> INTENT = InstanceIdentifier.create(Bmpfleet.class);
    private static final Logger LOG = LoggerFactory.getLogger(IntentCommitCohort.class);

    private final AdapterContext adapterContext;
    private final Registration registration;

    @Activate
    public IntentCommitCohort(@Reference final DOMDataBroker broker, @Reference final AdapterContext adapterContext) {
        this.adapterContext = adapterContext;
        final var cohorts = broker.extension(DOMDataBroker.CommitCohortExtension.class);
        if (cohorts == null) {
            throw new IllegalStateException("the data broker takes no commit cohorts: intent cannot be validated");
        }
        final var path = adapterContext.currentSerializer().toYangInstanceIdentifier(INTENT);
        registration = cohorts.registerCommitCohort(
            DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, path), this);
        LOG.info("bmpfleet intent validation registered on {}", path);
    }

    @Override
    public FluentFuture<PostCanCommitStep> canCommit(final Object txId, final EffectiveModelContext ctx,
            final Collection<DOMDataTreeCandidate> candidates) {
        for (var candidate : candidates) {
            final var after = candidate.getRootNode().dataAfter();
            if (after == null) {
                // The whole intent is deleted: nothing left to contradict itself.
                continue;
            }
            final var entry = adapterContext.currentSerializer().fromNormalizedNode(
                candidate.getRootPath().path(), after);
            if (entry == null || !(entry.getValue() instanceof Bmpfleet intent)) {
                continue;
            }
            final var violations = IntentValidator.validate(intent);
            if (!violations.isEmpty()) {
                final var message = violations.stream().map(IntentViolation::toString)
                    .collect(Collectors.joining("; "));
                LOG.info("Transaction {} refused: {}", txId, message);
                // The distributed datastore hands only a DataValidationFailedException's message on to the
                // client (any other failure becomes "canCommit encountered an unexpected failure"), and RESTCONF
                // answers it as 500 operation-failed with that message as error-info.
                return FluentFutures.immediateFailedFluentFuture(new DataValidationFailedException(
                    DOMDataTreeIdentifier.class, candidate.getRootPath(), message));
            }
        }
        return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
    }

    @Deactivate
    @Override
    public void close() {
        registration.close();
    }
}
