package io.bmpfleet.bmp.codec.pcap;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the payload of each TCP flow (one direction of a connection, keyed by 4-tuple) back in sequence order.
 * Retransmitted and overlapping bytes are delivered once; out-of-order segments wait until the hole is filled;
 * a hole that never fills (capture loss) is reported as a gap when too much waits or at {@link #finish()}.
 */
public final class TcpReassembler {
    /** Receives the reassembled byte streams. */
    public interface StreamHandler {
        /**
         * Delivers the next in-order bytes of a flow.
         *
         * @param flow flow
         * @param data bytes, only valid during the call
         * @param timestampMicros capture time of the segment
         */
        void data(TcpSegment.FlowKey flow, ByteBuffer data, long timestampMicros);

        /**
         * Reports that bytes of a flow are missing; the next data does not continue the previous.
         *
         * @param flow flow
         * @param missing number of missing bytes
         */
        void gap(TcpSegment.FlowKey flow, long missing);

        /**
         * Reports that a flow's connection started anew (SYN after data).
         *
         * @param flow flow
         */
        void reset(TcpSegment.FlowKey flow);
    }

    private static final int MAX_PENDING_BYTES = 8 << 20;

    private final Map<TcpSegment.FlowKey, Flow> flows = new HashMap<>();
    private final StreamHandler handler;
    private long duplicateBytes;
    private long gapBytes;
    private long outOfOrderSegments;

    /**
     * Creates a reassembler.
     *
     * @param handler receiver of the streams
     */
    public TcpReassembler(final StreamHandler handler) {
        this.handler = handler;
    }

    private static final class Flow {
        final TreeMap<Long, byte[]> pending = new TreeMap<>();
        long next;
        long pendingBytes;
        boolean started;
        boolean delivered;
        boolean synData;
        long lastTimestamp;
    }

    /**
     * Feeds one segment.
     *
     * @param seg segment
     */
    public void segment(final TcpSegment seg) {
        final TcpSegment.FlowKey key = seg.flow();
        final Flow flow = flows.computeIfAbsent(key, k -> new Flow());
        final int len = seg.payload().remaining();
        if ((seg.flags() & TcpSegment.SYN) != 0) {
            if (flow.delivered) {
                flow.pending.clear();
                flow.pendingBytes = 0;
                flow.delivered = false;
                handler.reset(key);
            }
            flow.started = true;
            if (len == 0) {
                flow.next = seg.sequence() + 1L & 0xFFFFFFFFL;
                return;
            }
            // Data on a SYN starts after the SYN's own sequence number (RFC 793), but rewritten captures put it
            // at the SYN's number; take it from there and forgive the one-octet step if the next segment shows it.
            flow.next = seg.sequence() & 0xFFFFFFFFL;
            flow.synData = true;
        } else if (flow.synData && flow.started) {
            flow.synData = false;
            if (len > 0 && (int) (seg.sequence() - (int) flow.next) == 1) {
                flow.next++;
            }
        }
        if (len == 0) {
            return;
        }
        if (!flow.started) {
            flow.next = seg.sequence() & 0xFFFFFFFFL;
            flow.started = true;
        }
        flow.lastTimestamp = seg.timestampMicros();
        final long abs = flow.next + (int) (seg.sequence() - (int) flow.next);
        final byte[] payload = new byte[len];
        seg.payload().duplicate().get(payload);
        if (abs > flow.next) {
            outOfOrderSegments++;
            final byte[] old = flow.pending.get(abs);
            if (old == null || old.length < payload.length) {
                flow.pending.put(abs, payload);
                flow.pendingBytes += payload.length - (old == null ? 0 : old.length);
            }
            if (flow.pendingBytes > MAX_PENDING_BYTES) {
                skipToPending(key, flow);
            }
            return;
        }
        deliver(key, flow, abs, payload);
        drain(key, flow);
    }

    private void deliver(final TcpSegment.FlowKey key, final Flow flow, final long abs, final byte[] payload) {
        final long skip = flow.next - abs;
        if (skip >= payload.length) {
            duplicateBytes += payload.length;
            return;
        }
        duplicateBytes += skip;
        flow.next += payload.length - skip;
        flow.delivered = true;
        handler.data(key, ByteBuffer.wrap(payload, (int) skip, payload.length - (int) skip), flow.lastTimestamp);
    }

    private void drain(final TcpSegment.FlowKey key, final Flow flow) {
        while (!flow.pending.isEmpty() && flow.pending.firstKey() <= flow.next) {
            final Map.Entry<Long, byte[]> first = flow.pending.pollFirstEntry();
            flow.pendingBytes -= first.getValue().length;
            deliver(key, flow, first.getKey(), first.getValue());
        }
    }

    private void skipToPending(final TcpSegment.FlowKey key, final Flow flow) {
        final long missing = flow.pending.firstKey() - flow.next;
        gapBytes += missing;
        handler.gap(key, missing);
        flow.next = flow.pending.firstKey();
        drain(key, flow);
    }

    /**
     * Delivers what still waits behind holes, reporting each hole as a gap.
     */
    public void finish() {
        for (Map.Entry<TcpSegment.FlowKey, Flow> entry : flows.entrySet()) {
            final Flow flow = entry.getValue();
            while (!flow.pending.isEmpty()) {
                skipToPending(entry.getKey(), flow);
            }
        }
    }

    public long duplicateBytes() {
        return duplicateBytes;
    }

    public long gapBytes() {
        return gapBytes;
    }

    public long outOfOrderSegments() {
        return outOfOrderSegments;
    }
}
