/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The API reference the build makes from the protos' comments ({@link ProtoReference}, run before the tests):
 * every service, method and message of the descriptor set is in it, request and response types are linked, and
 * the comments are carried.
 */
class ProtoReferenceTest {
    private static final Path DIR = Path.of("target/proto-reference");

    @Test
    void everyServiceMethodAndMessageIsDocumentedWithItsComment() throws IOException {
        final var md = Files.readString(DIR.resolve("bmpfleet.v1.md"));
        final var html = Files.readString(DIR.resolve("bmpfleet.v1.html"));
        final var set = FileDescriptorSet.parseFrom(Files.readAllBytes(DIR.resolve("bmpfleet.protoset")));
        final var file = set.getFileList().stream().filter(f -> f.getPackage().equals("bmpfleet.v1")).findFirst()
            .orElseThrow();
        for (var service : file.getServiceList()) {
            assertThat(md).contains("service " + service.getName());
            assertThat(html).contains("service <code>" + service.getName() + "</code>");
            for (var method : service.getMethodList()) {
                final var request = local(method.getInputType());
                assertThat(md).contains("| `" + method.getName() + "` | " + (method.getClientStreaming() ? "stream "
                    : "") + "[" + request + "](#" + request.toLowerCase(Locale.ROOT) + ") |");
            }
        }
        file.getMessageTypeList().forEach(m -> assertThat(html).contains("message <code>" + m.getName()
            + "</code>"));
        file.getEnumTypeList().forEach(e -> assertThat(md).contains("enum " + e.getName()));
        // The comment of every service, method, message, field, enum and value is in the reference (each line of
        // it: table cells join lines and escape '|').
        final var text = md.replace("\\|", "|");
        for (var location : file.getSourceCodeInfo().getLocationList()) {
            if (!documented(location.getPathList())) {
                continue;
            }
            for (var comment : List.of(location.getLeadingComments(), location.getTrailingComments())) {
                comment.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .forEach(line -> assertThat(text).contains(line));
            }
        }
        assertThat(html).contains("<code>google.protobuf.Timestamp</code>");
    }

    /**
     * Whether a source location is of an element the reference shows: a message, enum or service of the file
     * (4, 5, 6) and, within it, fields or methods (2), nested messages (3) and nested enums (4).
     */
    private static boolean documented(final List<Integer> path) {
        if (path.size() < 2 || path.size() % 2 != 0 || path.get(0) < 4 || path.get(0) > 6) {
            return false;
        }
        for (int i = 2; i < path.size(); i += 2) {
            if (path.get(i) < 2 || path.get(i) > 4) {
                return false;
            }
        }
        return true;
    }

    private static String local(final String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
