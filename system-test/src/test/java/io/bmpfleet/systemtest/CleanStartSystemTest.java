/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The distribution's start scripts refuse a datastore journal without its snapshots (the half-deleted datastore
 * that never starts) and say what to delete; no JVM is started for it.
 */
class CleanStartSystemTest {
    @Test
    void aJournalWithoutItsSnapshotsIsRefusedWithWhatToDelete() throws Exception {
        final var karaf = KarafInstance.unpack(Path.of(System.getProperty("bmpfleet.dist")),
            Path.of("target/system-test-clean-start"));
        final Path home = karaf.home();
        Files.createDirectories(home.resolve("segmented-journal/member-1-shard-default-config"));
        for (var script : new String[] { "bin/start", "bin/karaf" }) {
            final var process = new ProcessBuilder(script).directory(home.toFile()).redirectErrorStream(true)
                .start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(script + ": " + output).isEqualTo(1);
            assertThat(output).contains("bmpfleet: not starting", "segmented-journal/", "snapshots/",
                "rm -rf data segmented-journal snapshots");
        }
        assertThat(home.resolve("karaf.pid")).doesNotExist();
        // With the snapshots back, the scripts go on (checked without starting: bin/status only reads).
        Files.createDirectories(home.resolve("snapshots"));
        Files.writeString(home.resolve("snapshots/snapshot-member-1-frontend-datastore-config-0-1"), "");
        final var status = new ProcessBuilder("bin/status").directory(home.toFile()).redirectErrorStream(true).start();
        assertThat(status.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .doesNotContain("bmpfleet: not starting");
    }
}
