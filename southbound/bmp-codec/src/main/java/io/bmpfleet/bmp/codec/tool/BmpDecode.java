package io.bmpfleet.bmp.codec.tool;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.BmpMessage;
import io.bmpfleet.bmp.codec.BmpSession;
import io.bmpfleet.bmp.codec.Bytes;
import io.bmpfleet.bmp.codec.bgp.AddPathFallback;
import io.bmpfleet.bmp.codec.pcap.CaptureFormatException;
import io.bmpfleet.bmp.codec.pcap.CaptureReader;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bmp-decode FILE...}: prints every BMP message of pcap, pcapng or raw BMP stream files as one JSON object
 * per line, decode errors as {@code {"type":"error",...}} lines, and a summary line at the end.
 */
public final class BmpDecode {
    private static final int MAX_HEX_BYTES = 4096;

    private final PrintStream out;
    private final Map<String, Long> counts = new TreeMap<>();
    private final AddPathFallback fallback = new AddPathFallback();
    private long errors;
    private long skippedBytes;
    private long gapBytes;
    private long asPathSizeFallbacks;

    /**
     * Creates a decoder printing to {@code out}.
     *
     * @param out where the JSON lines go
     */
    public BmpDecode(final PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the tool.
     *
     * @param args file names
     */
    public static void main(final String[] args) {
        final int status;
        if (args.length == 0) {
            try (PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                    StandardCharsets.UTF_8)) {
                console.println("usage: bmp-decode FILE...   (pcap, pcapng or raw BMP stream)");
            }
            status = 2;
        } else {
            try (PrintStream stdout = new PrintStream(new BufferedOutputStream(
                    new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8)) {
                final BmpDecode tool = new BmpDecode(stdout);
                boolean failed = false;
                for (String arg : args) {
                    failed |= !tool.decodeFile(Path.of(arg));
                }
                stdout.println(tool.summary());
                status = failed ? 1 : 0;
            }
        }
        Runtime.getRuntime().exit(status);
    }

    /**
     * Decodes one file, printing its messages.
     *
     * @param file file
     * @return false if the file could not be read
     */
    public boolean decodeFile(final Path file) {
        final Map<String, BmpSession> sessions = new HashMap<>();
        final CaptureReader reader = new CaptureReader();
        try {
            reader.read(file, (stream, router, frame, ts) -> {
                final BmpSession session = sessions.computeIfAbsent(stream, k -> new BmpSession(fallback));
                try {
                    final BmpMessage msg = session.decode(frame);
                    counts.merge(BmpMessage.typeName(msg.type()), 1L, Long::sum);
                    out.println(MessageJson.toJson(msg, router));
                } catch (BmpDecodeException e) {
                    errors++;
                    final int type = frame.readableBytes() > 5 ? frame.getUnsignedByte(frame.readerIndex() + 5) : -1;
                    final int len = Math.min(frame.readableBytes(), MAX_HEX_BYTES);
                    out.println(MessageJson.error(router, type, e.offset(), e.reason(),
                        Bytes.copyOf(frame, frame.readerIndex(), len).toHex()));
                }
            });
        } catch (IOException | CaptureFormatException e) {
            errors++;
            out.println(MessageJson.error(file.toString(), -1, 0, "cannot read file: " + e.getMessage()));
            return false;
        }
        for (BmpSession session : sessions.values()) {
            asPathSizeFallbacks += session.asPathSizeFallbacks();
        }
        skippedBytes += reader.skippedBytes();
        gapBytes += reader.gapBytes();
        return true;
    }

    /**
     * Returns the summary line.
     *
     * @return JSON
     */
    public String summary() {
        final JsonWriter json = new JsonWriter().beginObject().field("type", "summary").name("messages")
            .beginObject();
        long total = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            json.field(entry.getKey(), entry.getValue());
            total += entry.getValue();
        }
        return json.endObject().field("total", total).field("errors", errors)
            .field("skipped_bytes", skippedBytes).field("gap_bytes", gapBytes)
            .field("add_path_guesses", fallback.guesses())
            .field("add_path_guessed_with_path_id", fallback.guessedWithPathId())
            .field("as_path_size_fallbacks", asPathSizeFallbacks).endObject().toString();
    }

    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    public long errors() {
        return errors;
    }

    public long asPathSizeFallbacks() {
        return asPathSizeFallbacks;
    }

    public long addPathGuesses() {
        return fallback.guesses();
    }
}
