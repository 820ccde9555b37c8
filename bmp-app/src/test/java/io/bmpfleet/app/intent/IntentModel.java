/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.intent;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opendaylight.mdsal.binding.dom.codec.impl.BindingCodecContext;
import org.opendaylight.mdsal.binding.runtime.api.BindingRuntimeContext;
import org.opendaylight.mdsal.binding.runtime.spi.BindingRuntimeHelpers;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.Bmpfleet;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangNetconfErrorAware;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactorySupplier;
import org.opendaylight.yangtools.yang.data.codec.gson.JsonParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.impl.schema.NormalizationResultHolder;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeConfiguration;
import org.opendaylight.yangtools.yang.data.tree.api.DataValidationFailedException;
import org.opendaylight.yangtools.yang.data.tree.impl.di.InMemoryDataTreeFactory;

/**
 * The path an intent document takes through OpenDaylight, without Karaf: the yangtools JSON parser with the
 * bmpfleet models (types, ranges, patterns, with their error-messages), an in-memory data tree with the
 * datastore's own validation, then {@link IntentValidator} as the commit cohort runs it.
 */
public final class IntentModel {
    static final BindingRuntimeContext RUNTIME = BindingRuntimeHelpers.createRuntimeContext();
    private static final BindingCodecContext CODEC = new BindingCodecContext(RUNTIME);

    /** What became of a document: the intent if it was accepted, else every error found. */
    public record Verdict(Bmpfleet intent, List<String> errors) {
        boolean accepted() {
            return errors.isEmpty();
        }
    }

    private IntentModel() {
        // static only
    }

    public static Path example(final String name) {
        return Path.of(System.getProperty("bmpfleet.examples", "../examples"), name);
    }

    public static String read(final Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    public static Verdict check(final String json) {
        final NormalizedNode node;
        try {
            final var holder = new NormalizationResultHolder();
            final var parser = JsonParserStream.create(ImmutableNormalizedNodeStreamWriter.from(holder),
                JSONCodecFactorySupplier.RFC7951.getShared(RUNTIME.modelContext()));
            parser.parse(new JsonReader(new StringReader(json)));
            node = holder.getResult().data();
        } catch (RuntimeException e) {
            // The parser refuses bad types and ranges with the model's error-message (RESTCONF answers 400).
            return new Verdict(null, List.of(messageChain(e)));
        }
        final var path = YangInstanceIdentifier.of(node.name());
        final var tree = new InMemoryDataTreeFactory().create(DataTreeConfiguration.DEFAULT_CONFIGURATION,
            RUNTIME.modelContext());
        final var modification = tree.takeSnapshot().newModification();
        modification.write(path, node);
        modification.ready();
        try {
            tree.validate(modification);
        } catch (DataValidationFailedException e) {
            return new Verdict(null, List.of(messageChain(e)));
        }
        final var intent = (Bmpfleet) CODEC.fromNormalizedNode(path, node).getValue();
        final var errors = new ArrayList<String>();
        IntentValidator.validate(intent).forEach(v -> errors.add(v.toString()));
        return new Verdict(errors.isEmpty() ? intent : null, errors);
    }

    private static String messageChain(final Throwable error) {
        final var text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
            // Where the model gives an error-message, the error carries it (RESTCONF shows it as error-message).
            if (t instanceof YangNetconfErrorAware aware) {
                aware.getNetconfErrors().forEach(e -> text.append(e.message()).append(" | "));
            }
        }
        return text.toString();
    }
}
