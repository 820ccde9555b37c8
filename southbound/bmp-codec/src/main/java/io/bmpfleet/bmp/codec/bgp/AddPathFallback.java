package io.bmpfleet.bmp.codec.bgp;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the times the decoder had to guess whether NLRI carry Add-Path identifiers because no Peer Up told it
 * (RFC 7911 leaves the encoding to the negotiated capability, which BMP only shows in Peer Up). A guess is never
 * silent: every one is counted here, and a collector should log or export these counters.
 */
public final class AddPathFallback {
    private final LongAdder guesses = new LongAdder();
    private final LongAdder guessedWithPathId = new LongAdder();
    private final LongAdder ambiguous = new LongAdder();

    void record(final boolean withPathId, final boolean bothParsed) {
        guesses.increment();
        if (withPathId) {
            guessedWithPathId.increment();
        }
        if (bothParsed) {
            ambiguous.increment();
        }
    }

    /**
     * Returns how many NLRI fields were decoded by guessing.
     *
     * @return number of guesses
     */
    public long guesses() {
        return guesses.sum();
    }

    /**
     * Returns how many guesses decided that path identifiers were present.
     *
     * @return number of guesses for Add-Path
     */
    public long guessedWithPathId() {
        return guessedWithPathId.sum();
    }

    /**
     * Returns how many guesses found both encodings consistent and picked one by plausibility.
     *
     * @return number of ambiguous guesses
     */
    public long ambiguous() {
        return ambiguous.sum();
    }

    @Override
    public String toString() {
        return "AddPathFallback{guesses=" + guesses() + ", withPathId=" + guessedWithPathId() + ", ambiguous="
            + ambiguous() + "}";
    }
}
