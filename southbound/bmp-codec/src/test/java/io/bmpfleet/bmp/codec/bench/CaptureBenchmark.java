package io.bmpfleet.bmp.codec.bench;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.BmpSession;
import io.bmpfleet.bmp.codec.Captures;
import io.bmpfleet.bmp.codec.pcap.CaptureFormatException;
import io.bmpfleet.bmp.codec.pcap.CaptureReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decodes the real Route Monitoring messages of the shared 208 capture (11–14 routers, Adj-RIB-In and Adj-RIB-Out,
 * IPv4 and VPN routes) with the allocation-free visitor through a BmpSession per TCP stream, as the collector
 * does. The capture has no Peer Up, so every peer is decoded with the counted Add-Path fallback. Run with
 * {@code southbound/bmp-codec/run-benchmarks.sh CaptureBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CaptureBenchmark {
    /** One message and the decoding session of its TCP stream, as the collector has one per router session. */
    private record Framed(BmpSession session, ByteBuf frame) {
    }

    private final List<Framed> frames = new ArrayList<>();
    private final RouteMonitoringBenchmark.Sink sink = new RouteMonitoringBenchmark.Sink();

    @Setup
    public void setup() throws IOException, CaptureFormatException {
        final Map<String, BmpSession> sessions = new HashMap<>();
        new CaptureReader().read(Captures.file("208-BMP-mem-leak-test_bmp-multi-sources-route-monitoring"),
            (stream, router, frame, ts) -> frames.add(new Framed(sessions.computeIfAbsent(stream,
                unused -> new BmpSession()), Unpooled.wrappedBuffer(ByteBufUtil.getBytes(frame)))));
    }

    /**
     * One pass over the capture's messages, each through its stream's {@link BmpSession#visit} (the visitor reads
     * at absolute indices and leaves the buffer as it was, so the same buffers serve every pass).
     *
     * @return checksum
     */
    @Benchmark
    public long visitor() {
        for (var framed : frames) {
            try {
                framed.session().visit(framed.frame(), sink);
            } catch (BmpDecodeException e) {
                sink.checksum++;
            }
        }
        return sink.checksum;
    }
}
