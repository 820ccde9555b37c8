package io.bmpfleet.bmp.codec.bench;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.BmpDecoder;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.PeerHeaderView;
import io.bmpfleet.bmp.codec.RouteMonitoringVisitor;
import io.bmpfleet.bmp.codec.SessionContexts;
import io.bmpfleet.bmp.codec.bgp.AttributeView;
import io.bmpfleet.bmp.codec.bgp.BgpSessionContext;
import io.bmpfleet.bmp.codec.bgp.PrefixView;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Decodes a synthetic table of 1,000,000 IPv4 and 200,000 IPv6 prefixes, 3 (or 20) prefixes per UPDATE, once per
 * benchmark operation: with the zero-allocation visitor API, and with the object API for comparison. Run with
 * {@code southbound/bmp-codec/run-benchmarks.sh}; {@code mvn install} only compiles it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dio.netty.buffer.checkBounds=false",
    "-Dio.netty.buffer.checkAccessible=false"})
public class RouteMonitoringBenchmark {
    static final int IPV4 = 1_000_000;
    static final int IPV6 = 200_000;

    @Param({"3", "20"})
    public int prefixesPerUpdate;

    private SyntheticTable table;
    private final BmpDecoder decoder = new BmpDecoder();
    private final SessionContexts contexts = peer -> BgpSessionContext.noAddPath();
    private final Sink sink = new Sink();

    /** A visitor that folds every route into a checksum, as a RIB would key on it. */
    static final class Sink implements RouteMonitoringVisitor {
        long checksum;

        @Override
        public void peer(final PeerHeaderView peer) {
            checksum += peer.bgpId();
        }

        @Override
        public void attribute(final AttributeView attribute) {
            checksum += attribute.type();
        }

        @Override
        public void withdrawn(final PrefixView prefix) {
            checksum -= prefix.high();
        }

        @Override
        public void announced(final PrefixView prefix) {
            checksum += prefix.high() ^ prefix.low() ^ prefix.length();
        }
    }

    @Setup
    public void setup() {
        table = SyntheticTable.build(IPV4, IPV6, prefixesPerUpdate);
    }

    /**
     * One pass over the table with the visitor API.
     *
     * @return checksum
     * @throws BmpDecodeException never, the table is valid
     */
    @Benchmark
    public long visitor() throws BmpDecodeException {
        final int count = table.messages();
        for (int i = 0; i < count; i++) {
            decoder.visit(table.frame(i), contexts, sink);
        }
        return sink.checksum;
    }

    /**
     * One pass over the table with the object API.
     *
     * @param blackhole sink
     * @throws BmpDecodeException never, the table is valid
     */
    @Benchmark
    public void objects(final Blackhole blackhole) throws BmpDecodeException {
        final int count = table.messages();
        for (int i = 0; i < count; i++) {
            final BmpMessage msg = decoder.decode(table.frame(i), contexts);
            blackhole.consume(msg);
        }
    }

    /**
     * Runs the benchmark with the GC profiler and prints prefixes per second and bytes allocated per prefix.
     *
     * @param args JMH include pattern (optional)
     * @throws RunnerException if JMH fails
     */
    public static void main(final String[] args) throws RunnerException {
        final Options opts = new OptionsBuilder()
            .include(args.length > 0 ? args[0] : RouteMonitoringBenchmark.class.getSimpleName())
            .addProfiler(GCProfiler.class)
            .build();
        final Collection<RunResult> results = new Runner(opts).run();
        final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);
        out.println();
        out.println("benchmark                          prefixes/UPDATE   M prefixes/s   bytes allocated/prefix");
        for (RunResult result : results) {
            final String param = result.getParams().getParam("prefixesPerUpdate");
            if (param == null) {
                // CaptureBenchmark: a pass over the 208 capture's 6,955 messages and 8,906 prefixes
                final Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
                out.printf("%s: %.3f ms per pass, %.1f bytes allocated per pass%n", result.getParams().getBenchmark(),
                    result.getPrimaryResult().getScore(), alloc == null ? Double.NaN : alloc.getScore());
                continue;
            }
            final int perUpdate = Integer.parseInt(param);
            final double msPerPass = result.getPrimaryResult().getScore();
            final Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            final double prefixes = IPV4 + IPV6;
            out.printf("%-34s %15d %14.2f %24.2f%n", result.getParams().getBenchmark().replaceAll("^.*\\.", ""),
                perUpdate, prefixes / msPerPass / 1000.0, alloc == null ? Double.NaN : alloc.getScore() / prefixes);
        }
    }
}
