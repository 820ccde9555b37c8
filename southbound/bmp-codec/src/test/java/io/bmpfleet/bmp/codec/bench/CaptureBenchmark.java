package io.bmpfleet.bmp.codec.bench;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.BmpDecoder;
import io.bmpfleet.bmp.codec.Captures;
import io.bmpfleet.bmp.codec.SessionContexts;
import io.bmpfleet.bmp.codec.bgp.AddPathFallback;
import io.bmpfleet.bmp.codec.bgp.BgpSessionContext;
import io.bmpfleet.bmp.codec.pcap.CaptureFormatException;
import io.bmpfleet.bmp.codec.pcap.CaptureReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * IPv4 and VPN routes) with the allocation-free visitor, as the collector does. The capture has no Peer Up, so
 * every peer is decoded with the counted Add-Path fallback. Run with
 * {@code southbound/bmp-codec/run-benchmarks.sh CaptureBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CaptureBenchmark {
    private final List<ByteBuf> frames = new ArrayList<>();
    private final BmpDecoder decoder = new BmpDecoder();
    private final AddPathFallback fallback = new AddPathFallback();
    // One context for every peer, as BmpSession answers for peers without a Peer Up.
    private final BgpSessionContext unknown = BgpSessionContext.unknown(fallback);
    private final SessionContexts contexts = peer -> unknown;
    private final RouteMonitoringBenchmark.Sink sink = new RouteMonitoringBenchmark.Sink();

    @Setup
    public void setup() throws IOException, CaptureFormatException {
        new CaptureReader().read(Captures.file("208-BMP-mem-leak-test_bmp-multi-sources-route-monitoring"),
            (stream, router, frame, ts) -> frames.add(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(frame))));
    }

    /**
     * One pass over the capture's messages.
     *
     * @return checksum
     */
    @Benchmark
    public long visitor() {
        for (var frame : frames) {
            // Rewind instead of duplicate(): a derived buffer per message would be the benchmark's allocation.
            frame.readerIndex(0);
            try {
                decoder.visit(frame, contexts, sink);
            } catch (BmpDecodeException e) {
                sink.checksum++;
            }
        }
        return sink.checksum;
    }
}
