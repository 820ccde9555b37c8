/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's kcat (librdkafka's command-line consumer), which nobody here wrote, reading a topic from the beginning to
 * its end. Its output format is binary-safe: per message a line "partition offset keysize valuesize", then the key
 * and the value bytes.
 */
public final class Kcat {
    /**
     * One message as kcat read it.
     *
     * @param partition its partition
     * @param offset its offset
     * @param key its key
     * @param value its value
     */
    public record Message(int partition, long offset, byte[] key, byte[] value) {
        /**
         * The value as text.
         *
         * @return UTF-8 text
         */
        public String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private Kcat() {
    }

    /**
     * Whether kcat is installed.
     *
     * @return true when it is
     */
    public static boolean present() {
        return new java.io.File("/usr/bin/kcat").canExecute();
    }

    /**
     * Every message of a topic now (empty when the topic does not exist yet).
     *
     * @param bootstrap a broker, host:port
     * @param topic the topic
     * @return its messages, in order per partition
     * @throws IOException when kcat cannot run
     * @throws InterruptedException when interrupted
     */
    public static List<Message> read(final String bootstrap, final String topic) throws IOException,
            InterruptedException {
        final var process = new ProcessBuilder("kcat", "-C", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e",
            "-q", "-f", "%p %o %K %S\n%k%s").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final var out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kcat did not end");
        }
        return parse(out.toByteArray());
    }

    /**
     * The records of parsed messages, each split into its tab-separated fields (headers and markers left out).
     *
     * @param messages OpenBMP parsed messages
     * @return their records, in order
     */
    public static List<String[]> records(final List<Message> messages) {
        final var out = new ArrayList<String[]>();
        for (var message : messages) {
            final String text = message.text();
            for (var line : text.substring(text.indexOf("\n\n") + 2).split("\n")) {
                if (!line.isEmpty()) {
                    out.add(line.split("\t", -1));
                }
            }
        }
        return out;
    }

    private static List<Message> parse(final byte[] bytes) {
        final var messages = new ArrayList<Message>();
        int at = 0;
        while (at < bytes.length) {
            int end = at;
            while (bytes[end] != '\n') {
                end++;
            }
            final String[] head = new String(bytes, at, end - at, StandardCharsets.US_ASCII).split(" ");
            at = end + 1;
            final int keySize = Math.max(0, Integer.parseInt(head[2]));
            final int valueSize = Math.max(0, Integer.parseInt(head[3]));
            final byte[] key = Arrays.copyOfRange(bytes, at, at + keySize);
            at += keySize;
            final byte[] value = Arrays.copyOfRange(bytes, at, at + valueSize);
            at += valueSize;
            messages.add(new Message(Integer.parseInt(head[0]), Long.parseLong(head[1]), key, value));
        }
        return messages;
    }
}
