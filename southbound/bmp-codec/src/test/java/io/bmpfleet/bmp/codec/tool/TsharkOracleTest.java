package io.bmpfleet.bmp.codec.tool;

import io.bmpfleet.bmp.codec.Captures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decode of every shared capture agrees with tshark's BMP and BGP dissectors ({@link TsharkOracle}): message
 * types, peer addresses and AS numbers, prefixes and statistics values.
 */
class TsharkOracleTest {
    static Stream<Path> captures() throws IOException {
        return Captures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void agreesWithTshark(final Path capture) throws Exception {
        TsharkOracle.assertAgrees(capture, 1790);
    }
}
