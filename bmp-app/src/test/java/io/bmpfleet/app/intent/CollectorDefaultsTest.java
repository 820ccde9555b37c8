/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.bmp.collector.BmpCollector;
import org.junit.Test;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.model.api.LeafSchemaNode;
import org.opendaylight.yangtools.yang.model.api.stmt.SchemaNodeIdentifier;

/**
 * The collector's defaults are the model's: an intent without the leaf, or with it removed, gets the value the
 * YANG says (the code once fell back to 1 MiB where the model says 16 MiB).
 */
public class CollectorDefaultsTest {
    private static String modelDefault(final String leaf) {
        final var context = IntentModel.RUNTIME.modelContext();
        final var module = context.findModules("bmpfleet-intent").iterator().next();
        final var ns = module.getQNameModule();
        final var node = context.findDataTreeChild(SchemaNodeIdentifier.Absolute.of(QName.create(ns, "bmpfleet"),
            QName.create(ns, "collector"), QName.create(ns, leaf)).getNodeIdentifiers()).orElseThrow();
        return ((LeafSchemaNode) node).getType().getDefaultValue().orElseThrow().toString();
    }

    @Test
    public void theCollectorsDefaultsAreTheModels() {
        assertThat(Long.parseLong(modelDefault("max-message-size"))).isEqualTo(BmpCollector.DEFAULT_MAX_MESSAGE_SIZE);
        assertThat(Long.parseLong(modelDefault("session-buffer-limit")))
            .isEqualTo(BmpCollector.DEFAULT_SESSION_BUFFER_LIMIT);
    }
}
